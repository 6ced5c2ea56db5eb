package io.ticketbridge.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketFields;

/** Validates ticket bodies (create and patch) into canonical field maps. */
public final class TicketInput {

    static final Set<String> FIELDS = Set.of("subject", "description", "status", "priority", "impact", "urgency",
            "ticket_type", "category", "subcategory", "group", "assignee", "requester_name", "requester_email",
            "requester_phone", "cis", "approval_status", "due_at", "custom_fields");

    /** The sizes of the tickets.cis and tickets.custom_fields columns, so an oversized value is a 400, not a 500. */
    static final int MAX_CIS_JSON = 4000;
    static final int MAX_CUSTOM_FIELDS_JSON = 20_000;

    private TicketInput() {
    }

    public record Parsed(Map<String, Object> fields, String spaceId, Long version) {
    }

    public static Parsed create(ObjectNode node) {
        return parse(node, true);
    }

    public static Parsed patch(ObjectNode node) {
        return parse(node, false);
    }

    private static Parsed parse(ObjectNode node, boolean create) {
        Set<String> allowed = new java.util.HashSet<>(FIELDS);
        allowed.add(create ? "space_id" : "version");
        Body b = Body.of(node, allowed);
        Map<String, Object> f = new LinkedHashMap<>();
        put(b, f, TicketFields.SUBJECT, b.string("subject", create, 500), create);
        put(b, f, TicketFields.DESCRIPTION, b.string("description", false, 100_000), create);
        put(b, f, TicketFields.STATUS, b.oneOf("status", false, TicketFields.STATUSES), create);
        put(b, f, TicketFields.PRIORITY, b.oneOf("priority", false, TicketFields.PRIORITIES), create);
        put(b, f, TicketFields.IMPACT, b.oneOf("impact", false, TicketFields.LEVELS), create);
        put(b, f, TicketFields.URGENCY, b.oneOf("urgency", false, TicketFields.LEVELS), create);
        put(b, f, TicketFields.TICKET_TYPE, b.oneOf("ticket_type", false, TicketFields.TYPES), create);
        put(b, f, TicketFields.CATEGORY, b.string("category", false, 200), create);
        put(b, f, TicketFields.SUBCATEGORY, b.string("subcategory", false, 200), create);
        put(b, f, TicketFields.GROUP, b.string("group", false, 200), create);
        put(b, f, TicketFields.ASSIGNEE, b.string("assignee", false, 200), create);
        put(b, f, TicketFields.REQUESTER_NAME, b.string("requester_name", false, 200), create);
        put(b, f, TicketFields.REQUESTER_EMAIL, b.email("requester_email", false), create);
        put(b, f, TicketFields.REQUESTER_PHONE, b.string("requester_phone", false, 50), create);
        List<String> cis = b.stringList("cis", 100, 200);
        if (cis != null && Json.write(cis).length() > MAX_CIS_JSON) {
            b.error("'cis' must fit in " + MAX_CIS_JSON + " characters as JSON");
        }
        if (b.has("cis")) {
            f.put(TicketFields.CIS, cis == null ? List.of() : cis);
        }
        put(b, f, TicketFields.APPROVAL_STATUS, b.string("approval_status", false, 50), create);
        Instant due = b.instant("due_at", false);
        put(b, f, TicketFields.DUE_AT, due == null ? null : due.toString(), create);
        if (b.has("custom_fields")) {
            Map<String, Object> custom = customFields(b);
            if (Json.write(custom).length() > MAX_CUSTOM_FIELDS_JSON) {
                b.error("'custom_fields' must fit in " + MAX_CUSTOM_FIELDS_JSON + " characters as JSON");
            }
            f.put(TicketFields.CUSTOM_FIELDS, custom);
        }
        if (!create) {
            for (String required : List.of("subject", "status", "ticket_type")) {
                if (b.has(required) && (b.raw(required).isNull()
                        || (b.raw(required).isTextual() && b.raw(required).asText().isBlank()))) {
                    b.error("'" + required + "' cannot be removed");
                }
            }
        }
        String space = create ? b.string("space_id", false, 36) : null;
        Long version = null;
        if (!create && b.has("version")) {
            Integer v = b.integer("version", false, 1, Integer.MAX_VALUE);
            version = v == null ? null : v.longValue();
        }
        b.validate();
        if (!create && f.isEmpty()) {
            throw ApiException.validation(List.of("no ticket field to change; allowed fields are " + new java.util.TreeSet<>(FIELDS)));
        }
        return new Parsed(f, space, version);
    }

    /** On create, absent values are simply not set; on patch, a present field (even null) is a change. */
    private static void put(Body b, Map<String, Object> f, String field, Object value, boolean create) {
        if (value != null || (!create && b.has(field))) {
            f.put(field, value);
        }
    }

    private static Map<String, Object> customFields(Body b) {
        ObjectNode o = b.object("custom_fields", false);
        Map<String, Object> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        if (o.size() > 100) {
            b.error("'custom_fields' may have at most 100 entries");
            return out;
        }
        var it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().isBlank() || e.getKey().length() > 100) {
                b.error("'custom_fields' keys must be 1-100 characters");
            } else if (!(v.isValueNode())) {
                b.error("'custom_fields." + e.getKey() + "' must be a string, number, boolean or null");
            } else if (!v.isNull()) {
                out.put(e.getKey(), Json.MAPPER.convertValue(v, Object.class));
            }
        }
        return out;
    }
}
