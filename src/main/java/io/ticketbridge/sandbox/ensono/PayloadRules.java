package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Field rules from the client guide (Create/Update pages): required fields, lengths, enumerations and
 * the priority defaulting. Messages for rules the guide gives no error text for are the simulator's own.
 */
final class PayloadRules {

    static final Set<String> TICKET_TYPES = Set.of("Incident", "Request");
    static final String CHANGE = "Change";
    static final Set<String> STATUSES = Set.of("open", "workinprogress", "pending", "resolved", "closed", "cancelled");
    static final int DESCRIPTION_MAX = 4000;
    static final int SHORT_DESCRIPTION_MAX = 160;
    static final int CLOSE_NOTES_MAX = 4000;
    static final int COMMENT_BODY_MAX = 4000;
    static final String DEFAULT_PRIORITY = "3";

    private final String clientName;
    private final List<String> groups;

    PayloadRules(String clientName, List<String> groups) {
        this.clientName = clientName;
        this.groups = List.copyOf(groups);
    }

    /** The {@code payload} object; anything else would make the bridge's Lambda throw. */
    ObjectNode payload(RecordedRequest request) {
        JsonNode payload = request.json().path("payload");
        if (!payload.isObject()) {
            throw new BridgeErrors.Rejection(BridgeErrors.internalServerError());
        }
        return (ObjectNode) payload;
    }

    void requireClient(JsonNode payload) {
        if (!clientName.equals(Json.text(payload, "clientName"))) {
            throw BridgeErrors.clientNameMapping();
        }
    }

    String required(JsonNode payload, String field) {
        String value = Json.text(payload, field);
        if (value == null || value.isBlank()) {
            throw BridgeErrors.response("Missing required field: " + field);
        }
        return value;
    }

    /** Limits are enforced by rejecting rather than truncating, so clients find over-long fields in tests. */
    void maxLength(JsonNode payload, String field, int max) {
        String value = Json.text(payload, field);
        if (value != null && value.length() > max) {
            throw BridgeErrors.response(field + " exceeds " + max + " characters");
        }
    }

    String ticketType(JsonNode payload) {
        String type = required(payload, "ticketType");
        if (!TICKET_TYPES.contains(type)) {
            throw BridgeErrors.response("Invalid ticketType: " + type);
        }
        return type;
    }

    /**
     * Calls on an existing ticket (update, notes, returnptn, approvals) name its type: a Change (raised at
     * Ensono; clients cannot create one) is "Change", the others Incident or Request.
     */
    String ticketTypeOf(JsonNode payload, JsonNode ticket) {
        if (CHANGE.equals(ticket.path("ticketType").asText())) {
            String type = required(payload, "ticketType");
            if (!CHANGE.equals(type)) {
                throw BridgeErrors.response("Invalid ticketType: " + type);
            }
            return type;
        }
        return ticketType(payload);
    }

    /** Null when absent; the group must be one Ensono's ServiceNow knows. */
    String group(JsonNode payload) {
        String group = Json.text(payload, "group");
        if (group != null && !groups.contains(group)) {
            throw BridgeErrors.invalidGroup();
        }
        return group;
    }

    String defaultGroup() {
        return groups.get(0);
    }

    /** Null when absent. */
    String status(JsonNode payload) {
        String status = Json.text(payload, "status");
        if (status != null && !STATUSES.contains(status)) {
            throw BridgeErrors.response("Invalid status: " + status);
        }
        return status;
    }

    /** Resolving or closing needs close notes in the same payload. */
    void closeNotesFor(String status, JsonNode payload) {
        if ("resolved".equals(status) || "closed".equals(status)) {
            String notes = Json.text(payload, "closeNotes");
            if (notes == null || notes.isBlank()) {
                throw BridgeErrors.response("closeNotes is required when status is " + status);
            }
        }
        maxLength(payload, "closeNotes", CLOSE_NOTES_MAX);
    }

    /** Validated {@code comments} entries; empty when absent and not required. */
    List<JsonNode> comments(JsonNode payload, boolean required) {
        JsonNode comments = payload.get("comments");
        if (comments == null || comments.isNull()) {
            if (required) {
                throw BridgeErrors.response("Missing required field: comments");
            }
            return List.of();
        }
        if (!comments.isArray() || (required && comments.isEmpty())) {
            throw BridgeErrors.response("comments must be a non-empty array");
        }
        for (JsonNode comment : comments) {
            String body = Json.text(comment, "body");
            if (body == null || body.isBlank()) {
                throw BridgeErrors.response("Missing required field: comments.body");
            }
            if (body.length() > COMMENT_BODY_MAX) {
                throw BridgeErrors.response("comments.body exceeds " + COMMENT_BODY_MAX + " characters");
            }
        }
        return toList(comments);
    }

    /** "1".."4"; anything else maps to the default 3, as the guide says Ensono's mapping does. */
    static String priority(String raw) {
        return inRange(raw, 4) ? raw.trim() : DEFAULT_PRIORITY;
    }

    /** Impact or urgency "1".."3", default 3. */
    static String level(String raw) {
        return inRange(raw, 3) ? raw.trim() : "3";
    }

    /** ServiceNow's default impact x urgency matrix, capped at Ensono's lowest priority 4. */
    static String priorityFrom(String impact, String urgency) {
        return Integer.toString(Math.min(4, Integer.parseInt(impact) + Integer.parseInt(urgency) - 1));
    }

    private static boolean inRange(String raw, int max) {
        if (raw == null) {
            return false;
        }
        String value = raw.trim();
        return value.length() == 1 && value.charAt(0) >= '1' && value.charAt(0) <= ('0' + max);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
