package io.ticketbridge.servicenow;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskWebhook;
import io.ticketbridge.security.SharedSecretHeader;
import io.ticketbridge.security.WebhookSecrets;

/**
 * Webhooks from a ServiceNow business rule (ServiceNow signs nothing itself; the admin's REST Message sets
 * the headers, connectors.md 2.6). Accepted, each checked against credential {@code webhook_secret}:
 * <ul>
 *   <li>{@code X-TicketBridge-Timestamp} (Unix seconds, within 5 minutes) and {@code X-TicketBridge-Signature}
 *   = base64(HMAC-SHA256(secret, timestamp + body)), what
 *   {@code new CertificateEncryption().generateMac(gs.base64Encode(secret), "HmacSHA256", ts + body)} gives;</li>
 *   <li>or the secret itself in {@code X-Webhook-Secret} or a static {@code Authorization} header.</li>
 * </ul>
 * Body: {@code {"table","sys_id","operation":"insert|update|delete","record":{...}}}, or {@code event} named
 * directly ({@code incident.updated}).
 */
final class ServiceNowWebhook implements DeskWebhook {

    static final String TIMESTAMP = "x-ticketbridge-timestamp";
    static final String SIGNATURE = "x-ticketbridge-signature";
    static final long WINDOW_SECONDS = 300;
    private static final Set<String> TABLES = Set.of("incident", "change_request");
    private static final Map<String, String> OPERATIONS = Map.of("insert", "created", "update", "updated",
            "delete", "deleted");
    static final Set<String> EVENTS = Set.of("incident.created", "incident.updated", "incident.deleted",
            "change_request.created", "change_request.updated", "change_request.deleted");
    private static final SharedSecretHeader SECRET_HEADER = new SharedSecretHeader("X-Webhook-Secret",
            "webhook_secret");

    private final Clock clock;

    ServiceNowWebhook(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<String> events() {
        return EVENTS;
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body, Map<String, String> credentials) {
        String secret = credentials.get("webhook_secret");
        if (headers.containsKey(SIGNATURE)) {
            return signed(headers, body, secret);
        }
        if (headers.containsKey("x-webhook-secret")) {
            return SECRET_HEADER.verify(headers, credentials);
        }
        String authorization = headers.get("authorization");
        if (authorization != null) {
            String presented = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7) : authorization;
            return WebhookSecrets.matches(secret, presented.trim()) ? Verification.OK
                    : Verification.refused("Wrong Authorization, or no usable webhook secret is configured");
        }
        return Verification.refused("Missing X-TicketBridge-Signature (or X-Webhook-Secret) header");
    }

    private Verification signed(Map<String, String> headers, byte[] body, String secret) {
        if (!WebhookSecrets.usable(secret)) {
            return Verification.refused("No usable webhook secret is configured");
        }
        long ts;
        try {
            ts = Long.parseLong(headers.getOrDefault(TIMESTAMP, "").trim());
        } catch (NumberFormatException e) {
            return Verification.refused("Missing or malformed X-TicketBridge-Timestamp");
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > WINDOW_SECONDS) {
            return Verification.refused("X-TicketBridge-Timestamp is outside the 5-minute replay window");
        }
        byte[] expected = mac(secret, Long.toString(ts), body).getBytes(StandardCharsets.UTF_8);
        byte[] presented = headers.get(SIGNATURE).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented) ? Verification.OK
                : Verification.refused("X-TicketBridge-Signature does not match");
    }

    static String mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Event parse(JsonNode body) {
        String table = text(body, "table");
        String event = text(body, "event");
        if (event == null && table != null && OPERATIONS.containsKey(String.valueOf(text(body, "operation")))) {
            event = table + "." + OPERATIONS.get(text(body, "operation"));
        }
        if (event == null || !EVENTS.contains(event)) {
            throw new InvalidEvent(List.of("'event' must be one of " + new java.util.TreeSet<>(EVENTS)
                    + " (or 'table' " + TABLES + " with 'operation' insert, update or delete)"));
        }
        String sysId = text(body, "sys_id");
        if (sysId == null) {
            sysId = text(body.path("record"), "sys_id");
        }
        if (sysId == null || !sysId.matches("[0-9a-fA-F]{32}")) {
            throw new InvalidEvent(List.of("'sys_id' (32 hex characters) is required"));
        }
        return new Event(event, sysId, text(body, "event_id"));
    }

    @Override
    public String describe() {
        return "X-TicketBridge-Timestamp + X-TicketBridge-Signature (HMAC-SHA256), or X-Webhook-Secret";
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null) {
            return null;
        }
        if (v.isObject() && v.has("value")) {
            v = v.get("value");
        }
        return v.isValueNode() && !v.asText().isBlank() ? v.asText() : null;
    }
}
