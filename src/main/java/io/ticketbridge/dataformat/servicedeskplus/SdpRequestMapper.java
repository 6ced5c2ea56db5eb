package io.ticketbridge.dataformat.servicedeskplus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.dataformat.support.ValueTables;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.model.TicketTemplate;

/**
 * Hub ticket fields ↔ ServiceDesk Plus v3 request objects. Pure Java: no I/O besides the value
 * tables. Field paths are dotted ("priority.name", "udf_fields.udf_sline_301"); the seed's field
 * mappings override the defaults per hub field.
 */
public final class SdpRequestMapper {

    /** Default hub field → SDP path. Lookups are {name}, users {name|email_id}, dates {value}. */
    public static final Map<String, String> DEFAULT_PATHS = defaults();

    /** Hub fields whose values pass through a value table of the same name. */
    private static final Set<String> TABLED = Set.of(TicketFields.STATUS, TicketFields.PRIORITY,
            TicketFields.IMPACT, TicketFields.URGENCY);

    /** SDP request attributes that are lookups ({"name": ...}) when a template gives a plain string. */
    private static final Set<String> LOOKUPS = Set.of("status", "priority", "urgency", "impact", "mode", "level",
            "site", "category", "subcategory", "item", "group", "request_type", "service_category", "template");

    private final ValueTables tables;

    public SdpRequestMapper(ValueTables tables) {
        this.tables = tables;
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TicketFields.SUBJECT, "subject");
        m.put(TicketFields.DESCRIPTION, "description");
        m.put(TicketFields.STATUS, "status.name");
        m.put(TicketFields.PRIORITY, "priority.name");
        m.put(TicketFields.IMPACT, "impact.name");
        m.put(TicketFields.URGENCY, "urgency.name");
        m.put(TicketFields.CATEGORY, "category.name");
        m.put(TicketFields.SUBCATEGORY, "subcategory.name");
        m.put(TicketFields.GROUP, "group.name");
        m.put(TicketFields.ASSIGNEE, "technician.name");
        m.put(TicketFields.REQUESTER_NAME, "requester.name");
        m.put(TicketFields.REQUESTER_EMAIL, "requester.email_id");
        m.put(TicketFields.DUE_AT, "due_by_time.value");
        return Map.copyOf(m);
    }

    /** The effective hub field → SDP path table for an integration. */
    public static Map<String, String> paths(List<FieldMapping> custom) {
        Map<String, String> p = new LinkedHashMap<>(DEFAULT_PATHS);
        if (custom != null) {
            for (FieldMapping m : custom) {
                p.put(m.localField(), m.remoteField());
            }
        }
        return p;
    }

    /** Hub fields this integration compares and sends (for deltas and conflicts). */
    public static Set<String> syncedFields(List<FieldMapping> custom) {
        Set<String> fields = new java.util.LinkedHashSet<>();
        for (String f : paths(custom).keySet()) {
            fields.add(f.startsWith("custom_fields.") ? TicketFields.CUSTOM_FIELDS : f);
        }
        return fields;
    }

    /**
     * Builds the inner {@code request} object for the given hub fields (all of them on create, only
     * the changed ones on update). A template, on create, fills what the ticket leaves empty.
     */
    public ObjectNode toRequest(Map<String, Object> fields, List<FieldMapping> custom, TicketTemplate template) {
        Map<String, Object> values = new LinkedHashMap<>(fields);
        if (template != null) {
            fillIfEmpty(values, TicketFields.CATEGORY, template.category());
            fillIfEmpty(values, TicketFields.SUBCATEGORY, template.subcategory());
            fillIfEmpty(values, TicketFields.GROUP, template.group());
        }
        ObjectNode request = Json.object();
        for (Map.Entry<String, String> e : paths(custom).entrySet()) {
            String field = e.getKey();
            boolean customField = field.startsWith("custom_fields.");
            if (customField ? !values.containsKey(TicketFields.CUSTOM_FIELDS) : !values.containsKey(field)) {
                continue;
            }
            Object value = customField ? customValue(values, field) : values.get(field);
            if (value == null && template != null) {
                continue; // nothing to clear on create
            }
            setPath(request, e.getValue(), outboundValue(field, value));
        }
        if (template != null && template.defaultFields() != null) {
            template.defaultFields().forEach((attr, v) -> {
                if (!request.has(attr) && v != null) {
                    if (LOOKUPS.contains(attr) && !(v instanceof Map)) {
                        request.putObject(attr).put("name", String.valueOf(v));
                    } else {
                        request.set(attr, Json.MAPPER.valueToTree(v));
                    }
                }
            });
        }
        return request;
    }

    /** Reads the hub fields this integration syncs from an SDP request object. */
    public Map<String, Object> fromRequest(JsonNode request, List<FieldMapping> custom) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> customFields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : paths(custom).entrySet()) {
            String field = e.getKey();
            JsonNode node = getPath(request, e.getValue());
            Object value = inboundValue(field, node);
            if (field.startsWith("custom_fields.")) {
                if (value != null) {
                    customFields.put(field.substring("custom_fields.".length()), value);
                }
            } else {
                out.put(field, value);
            }
        }
        if (!customFields.isEmpty()) {
            out.put(TicketFields.CUSTOM_FIELDS, customFields);
        }
        return out;
    }

    private static void fillIfEmpty(Map<String, Object> values, String field, String value) {
        if (value != null && values.get(field) == null) {
            values.put(field, value);
        }
    }

    private static Object customValue(Map<String, Object> values, String field) {
        Object custom = values.get(TicketFields.CUSTOM_FIELDS);
        if (custom instanceof Map<?, ?> m) {
            return m.get(field.substring("custom_fields.".length()));
        }
        return null;
    }

    private Object outboundValue(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (TABLED.contains(field)) {
            return tables.outbound(field, value.toString()).orElse(value.toString());
        }
        if (TicketFields.DUE_AT.equals(field)) {
            return String.valueOf(Instant.parse(value.toString()).toEpochMilli());
        }
        if (TicketFields.CIS.equals(field) && value instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return value;
    }

    private Object inboundValue(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return TicketFields.CIS.equals(field) ? List.of() : null;
        }
        String text = node.isValueNode() ? node.asText() : null;
        if (text == null) {
            return null;
        }
        if (TABLED.contains(field)) {
            return tables.inbound(field, text).orElse(null);
        }
        if (TicketFields.DUE_AT.equals(field)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text)).toString();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (TicketFields.CIS.equals(field)) {
            List<String> cis = new ArrayList<>();
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    cis.add(s.trim());
                }
            }
            return cis;
        }
        return text.isEmpty() ? null : text;
    }

    static void setPath(ObjectNode root, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        if (value == null) {
            if (parts.length > 1) {
                // clearing a lookup: SDP takes null for the whole attribute
                root.putNull(parts[0]);
            } else {
                node.putNull(leaf);
            }
        } else {
            node.set(leaf, Json.MAPPER.valueToTree(value));
        }
    }

    static JsonNode getPath(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }
}
