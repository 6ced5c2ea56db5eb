package io.ticketbridge.component.servicedeskplus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskWebhook;
import io.ticketbridge.security.SharedSecretHeader;

/**
 * ServiceDesk Plus webhooks (seed 000 events request.created / updated / status_changed / comment_added /
 * attachment_added). SDP does not sign them, so the operator configures a shared secret header
 * ({@code X-Webhook-Secret}) in SDP's webhook action, stored as credential {@code webhook_secret}.
 */
final class SdpWebhook implements DeskWebhook {

    static final Set<String> EVENTS = Set.of("request.created", "request.updated", "request.status_changed",
            "request.comment_added", "request.attachment_added");
    private static final SharedSecretHeader SECRET = new SharedSecretHeader("X-Webhook-Secret", "webhook_secret");

    @Override
    public Set<String> events() {
        return EVENTS;
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body, Map<String, String> credentials) {
        return SECRET.verify(headers, credentials);
    }

    @Override
    public Event parse(JsonNode body) {
        String event = text(body, "event", "event_type", "type");
        if (event == null || !EVENTS.contains(event)) {
            throw new InvalidEvent(List.of("'event' must be one of " + new TreeSet<>(EVENTS)));
        }
        JsonNode request = body.path("request");
        String remoteId = request.isObject() ? text(request, "id") : text(body, "request_id", "id");
        if (remoteId == null || remoteId.length() > 100) {
            throw new InvalidEvent(List.of("the request id is missing ('request.id' or 'request_id')"));
        }
        return new Event(event, remoteId, text(body, "event_id", "webhook_id"));
    }

    @Override
    public String describe() {
        return "header X-Webhook-Secret (credential webhook_secret)";
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
