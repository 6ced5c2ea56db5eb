package io.ticketbridge.api.desk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.ApiRequest;
import io.ticketbridge.api.ApiResponse;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Job;
import io.ticketbridge.security.WebhookSecrets;
import io.ticketbridge.store.InboxStore;

/**
 * Desk webhooks (seed 000 events request.created / updated / status_changed / comment_added /
 * attachment_added). SDP does not sign its webhooks, so the operator configures a shared secret
 * header ({@code X-Webhook-Secret}) in SDP's webhook action; it is compared in constant time. The
 * event is recorded in the inbox (duplicates are recognised) together with the pull job that
 * applies it, before the 202 answer.
 */
public final class DeskWebhookApi {

    static final Set<String> EVENTS = Set.of("request.created", "request.updated", "request.status_changed",
            "request.comment_added", "request.attachment_added");

    private final DeskCalls calls;

    public DeskWebhookApi(DeskCalls calls) {
        this.calls = calls;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/integrations/{id}/webhook", Access.WEBHOOK, this::receive)
                .doc("Service desk sync", "Webhook receiver (header X-Webhook-Secret)").resource("integration")
                .example("{\"event\":\"request.updated\",\"request\":{\"id\":\"100000000000098765\"}}");
    }

    private ApiResponse receive(ApiRequest req) {
        String presented = req.header("x-webhook-secret").orElse(null);
        Integration i = authenticate(req.pathParam("id"), presented);
        JsonNode body = req.jsonObject();
        String event = text(body, "event", "event_type", "type");
        if (event == null || !EVENTS.contains(event)) {
            throw ApiException.validation(List.of("'event' must be one of " + new java.util.TreeSet<>(EVENTS)));
        }
        JsonNode request = body.path("request");
        String remoteId = request.isObject() ? text(request, "id") : text(body, "request_id", "id");
        if (remoteId == null || remoteId.length() > 100) {
            throw ApiException.validation(List.of("the request id is missing ('request.id' or 'request_id')"));
        }
        String eventId = text(body, "event_id", "webhook_id");
        String dedup = eventId != null ? eventId : Hashes.sha256(req.body());
        Optional<Job> job = calls.hub.jdbi.inTransaction(h -> {
            Optional<InboxStore.InboxEntry> entry = calls.hub.inbox.receive(h, "webhook:" + i.id(), dedup, i.spaceId(),
                    i.id(), event, req.bodyText());
            if (entry.isEmpty()) {
                return Optional.<Job>empty();
            }
            ObjectNode payload = Json.object().put("remote_id", remoteId).put("event", event);
            Job j = calls.jobs.enqueue(h, i, null, "sync", payload, null);
            calls.hub.inbox.mark(h, entry.get().id(), InboxStore.APPLIED, null);
            return Optional.of(j);
        });
        calls.hub.syncLogs.record(i.spaceId(), i.id(), null, "webhook", "in", job.isPresent() ? "accepted"
                : "duplicate", event + " for request " + remoteId, null);
        calls.drainer.drain();
        return ApiResponse.accepted(Map.of("received", true, "duplicate", job.isEmpty(), "event", event,
                "job_id", job.map(Job::id).orElse(""))).resource(i.id());
    }

    /**
     * The integration whose webhook secret matches; 401 otherwise (the dispatcher counts rejections).
     * Fails closed: an integration without a usable secret matches nothing.
     */
    private Integration authenticate(String idOrAlias, String presented) {
        List<Integration> candidates;
        if (Ids.isValid(idOrAlias)) {
            candidates = calls.hub.jdbi.withHandle(h -> calls.hub.integrations.get(h, null, idOrAlias)).stream().toList();
        } else {
            PlatformCatalog.Platform p = calls.catalog.byAlias(idOrAlias)
                    .orElseThrow(() -> ApiException.notFound("Integration " + idOrAlias));
            candidates = calls.hub.jdbi.withHandle(h -> calls.hub.integrations.list(h, null, p.name()));
        }
        if (presented == null || presented.isEmpty()) {
            throw ApiException.unauthorized("Missing X-Webhook-Secret header");
        }
        Integration match = null;
        for (Integration i : candidates) {
            if (WebhookSecrets.matches(calls.hub.integrations.credentials(i).get("webhook_secret"), presented)) {
                match = i;
            }
        }
        if (match == null) {
            throw ApiException.unauthorized("Wrong X-Webhook-Secret, or no usable webhook secret is configured");
        }
        if (!match.enabled()) {
            throw new ApiException(409, "conflict", "This integration is disabled", List.of());
        }
        return match;
    }

    private static String text(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }
}
