package io.ticketbridge.api.desk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import io.ticketbridge.connector.DeskConnector;
import io.ticketbridge.connector.DeskWebhook;
import io.ticketbridge.store.InboxStore;

/**
 * The desks' webhook receiver: the integration's connector verifies the call (fail closed) and reads
 * which ticket the event names; the event is recorded in the inbox (duplicates are recognised) together
 * with the pull job that applies it, before the 202 answer. Rejections are counted by the dispatcher.
 */
public final class DeskWebhookApi {

    private final DeskCalls calls;

    public DeskWebhookApi(DeskCalls calls) {
        this.calls = calls;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/integrations/{id}/webhook", Access.WEBHOOK, this::receive)
                .doc("Service desk sync", "Webhook receiver, verified by the integration's connector (a shared"
                        + " secret header or a signature; see the platform's section of the README)")
                .resource("integration")
                .example("{\"event\":\"request.updated\",\"request\":{\"id\":\"100000000000098765\"}}");
    }

    private ApiResponse receive(ApiRequest req) {
        Integration i = authenticate(req);
        DeskWebhook webhook = calls.desks.connector(i.platform()).orElseThrow().webhook();
        JsonNode body = req.jsonObject();
        DeskWebhook.Event parsed;
        try {
            parsed = webhook.parse(body);
        } catch (DeskWebhook.InvalidEvent e) {
            throw ApiException.validation(e.problems());
        }
        String event = parsed.name();
        String remoteId = parsed.remoteId();
        String dedup = parsed.eventId() != null ? parsed.eventId() : Hashes.sha256(req.body());
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
                : "duplicate", event + " for " + remoteId, null);
        calls.drainer.drain();
        return ApiResponse.accepted(Map.of("received", true, "duplicate", job.isEmpty(), "event", event,
                "job_id", job.map(Job::id).orElse(""))).resource(i.id());
    }

    /**
     * The integration (by id, or among a platform alias's integrations) whose connector accepts the call;
     * 401 with the first refusal's reason otherwise. An integration without a usable secret accepts nothing.
     */
    private Integration authenticate(ApiRequest req) {
        String idOrAlias = req.pathParam("id");
        List<Integration> candidates;
        if (Ids.isValid(idOrAlias)) {
            candidates = calls.hub.jdbi.withHandle(h -> calls.hub.integrations.get(h, null, idOrAlias)).stream()
                    .toList();
        } else {
            PlatformCatalog.Platform p = calls.catalog.byAlias(idOrAlias)
                    .orElseThrow(() -> ApiException.notFound("Integration " + idOrAlias));
            candidates = calls.hub.jdbi.withHandle(h -> calls.hub.integrations.list(h, null, p.name()));
        }
        Integration match = null;
        String refusal = "No integration takes webhooks here";
        for (Integration i : candidates) {
            Optional<DeskConnector> desk = calls.desks.connector(i.platform());
            if (desk.isEmpty()) {
                continue;
            }
            DeskWebhook.Verification v = desk.get().webhook().verify(req.headers(), req.body(),
                    calls.hub.integrations.credentials(i));
            if (v.ok()) {
                match = i;
            } else if (match == null) {
                refusal = v.reason();
            }
        }
        if (match == null) {
            throw ApiException.unauthorized(refusal);
        }
        if (!match.enabled()) {
            throw new ApiException(409, "conflict", "This integration is disabled", List.of());
        }
        return match;
    }
}
