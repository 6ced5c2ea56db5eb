package io.ticketbridge.dataformat.servicenow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.dataformat.support.ValueTables;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.model.TicketTemplate;

import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.display;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.parseTime;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.time;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.value;

/**
 * Hub ticket fields ↔ ServiceNow incident and change_request records. Pure Java: no I/O besides the
 * value tables. Reads accept plain values, reference objects {link, value} and display-value objects
 * {display_value, value, link} (sysparm_display_value=all); writes are plain values. Status and
 * priority follow the table's own model (incident states, change states with on_hold; priority as
 * an impact × urgency pair, because ServiceNow computes priority and ignores a written one).
 */
public final class ServiceNowRecordMapper {

    public static final String INCIDENT = "incident";
    public static final String CHANGE_REQUEST = "change_request";

    private static final String CUSTOM = "custom_fields.";

    private final ValueTables tables;

    public ServiceNowRecordMapper(ValueTables tables) {
        this.tables = tables;
    }

    /** Default hub field → record field for a table. */
    public static Map<String, String> defaultPaths(String table) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TicketFields.SUBJECT, "short_description");
        m.put(TicketFields.DESCRIPTION, "description");
        m.put(TicketFields.STATUS, "state");
        m.put(TicketFields.PRIORITY, "priority");
        m.put(TicketFields.CATEGORY, "category");
        m.put(TicketFields.SUBCATEGORY, "subcategory");
        m.put(TicketFields.GROUP, "assignment_group");
        m.put(TicketFields.ASSIGNEE, "assigned_to");
        m.put(TicketFields.REQUESTER_NAME, CHANGE_REQUEST.equals(table) ? "requested_by" : "caller_id");
        m.put(TicketFields.DUE_AT, "due_date");
        return m;
    }

    /** The effective paths: the integration's field mappings override the defaults per hub field. */
    public static Map<String, String> paths(String table, List<FieldMapping> custom) {
        Map<String, String> p = defaultPaths(table);
        if (custom != null) {
            custom.forEach(m -> p.put(m.localField(), m.remoteField()));
        }
        return p;
    }

    /** Hub fields compared and sent; impact and urgency travel inside priority. */
    public static Set<String> syncedFields(List<FieldMapping> custom) {
        Set<String> fields = new LinkedHashSet<>();
        for (String f : paths(INCIDENT, custom).keySet()) {
            fields.add(f.startsWith(CUSTOM) ? TicketFields.CUSTOM_FIELDS : f);
        }
        return fields;
    }

    /** The table a hub ticket belongs in by its ticket_type, when that says so. */
    public static Optional<String> tableFor(Map<String, Object> fields) {
        Object type = fields == null ? null : fields.get(TicketFields.TICKET_TYPE);
        if ("change".equals(type)) {
            return Optional.of(CHANGE_REQUEST);
        }
        return "incident".equals(type) ? Optional.of(INCIDENT) : Optional.empty();
    }

    /**
     * The record for these hub fields (all of them on create, the changed ones on update; null clears
     * a field with ""). A template, on create, fills what the ticket leaves empty.
     */
    public ObjectNode toRecord(String table, Map<String, Object> fields, List<FieldMapping> custom,
                               TicketTemplate template, boolean create) {
        Map<String, Object> values = new LinkedHashMap<>(fields);
        if (template != null) {
            fillIfEmpty(values, TicketFields.CATEGORY, template.category());
            fillIfEmpty(values, TicketFields.SUBCATEGORY, template.subcategory());
            fillIfEmpty(values, TicketFields.GROUP, template.group());
        }
        ObjectNode record = Json.object();
        for (Map.Entry<String, String> e : paths(table, custom).entrySet()) {
            String field = e.getKey();
            boolean customField = field.startsWith(CUSTOM);
            if (customField ? !values.containsKey(TicketFields.CUSTOM_FIELDS) : !values.containsKey(field)) {
                continue;
            }
            Object value = customField ? customValue(values, field) : values.get(field);
            if (value == null && create) {
                continue; // nothing to clear on create
            }
            write(record, table, field, e.getValue(), value);
        }
        if (template != null && template.defaultFields() != null) {
            template.defaultFields().forEach((attr, v) -> {
                if (!record.has(attr) && v != null) {
                    record.set(attr, v instanceof String s ? Json.MAPPER.valueToTree(s) : Json.MAPPER.valueToTree(v));
                }
            });
        }
        if (create && CHANGE_REQUEST.equals(table) && !record.has("type")) {
            Object priority = values.get(TicketFields.PRIORITY);
            record.put("type", tables.outbound("change_type", priority == null ? "medium" : priority.toString())
                    .orElse("normal"));
        }
        return record;
    }

    /** The hub fields this integration syncs, plus impact, urgency, ticket_type and requester_email when known. */
    public Map<String, Object> fromRecord(JsonNode record, List<FieldMapping> custom) {
        String table = tableOf(record);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> customFields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : paths(table, custom).entrySet()) {
            String field = e.getKey();
            Object value = read(record, table, field, record.get(e.getValue()));
            if (field.startsWith(CUSTOM)) {
                if (value != null) {
                    customFields.put(field.substring(CUSTOM.length()), value);
                }
            } else {
                out.put(field, value);
            }
        }
        if (!customFields.isEmpty()) {
            out.put(TicketFields.CUSTOM_FIELDS, customFields);
        }
        putIfKnown(out, TicketFields.IMPACT, level(TicketFields.IMPACT, record.get("impact")));
        putIfKnown(out, TicketFields.URGENCY, level(TicketFields.URGENCY, record.get("urgency")));
        putIfKnown(out, TicketFields.TICKET_TYPE, record.has("sys_class_name")
                ? (CHANGE_REQUEST.equals(table) ? "change" : INCIDENT.equals(table) ? "incident" : null) : null);
        String emailField = (CHANGE_REQUEST.equals(table) ? "requested_by" : "caller_id") + ".email";
        putIfKnown(out, TicketFields.REQUESTER_EMAIL, value(record.get(emailField)));
        return out;
    }

    /** incident or change_request: sys_class_name when present, else recognised by change-only fields. */
    public static String tableOf(JsonNode record) {
        String cls = value(record.get("sys_class_name"));
        if (CHANGE_REQUEST.equals(cls) || INCIDENT.equals(cls)) {
            return cls;
        }
        String number = value(record.get("number"));
        boolean change = (number != null && number.startsWith("CHG")) || record.has("type") || record.has("on_hold");
        return change ? CHANGE_REQUEST : INCIDENT;
    }

    private void write(ObjectNode record, String table, String field, String path, Object value) {
        String text = value == null ? null : value.toString();
        switch (field) {
            case TicketFields.STATUS -> writeStatus(record, table, text);
            case TicketFields.PRIORITY -> writePriority(record, text);
            case TicketFields.GROUP, TicketFields.CATEGORY, TicketFields.SUBCATEGORY, TicketFields.IMPACT,
                    TicketFields.URGENCY -> record.put(path, text == null ? "" : tables.outbound(field, text).orElse(text));
            case TicketFields.DUE_AT -> record.put(path, text == null ? "" : time(Instant.parse(text)));
            default -> {
                if (value instanceof List<?> l) {
                    record.put(path, String.join(",", l.stream().map(String::valueOf).toList()));
                } else {
                    record.put(path, text == null ? "" : text);
                }
            }
        }
    }

    private void writeStatus(ObjectNode record, String table, String status) {
        if (status == null) {
            return; // a record always has a state: nothing to clear
        }
        if (CHANGE_REQUEST.equals(table)) {
            if ("pending".equals(status)) {
                record.put("on_hold", "true");
                return;
            }
            record.put("on_hold", "false");
            tables.outbound("change_state", status).ifPresent(s -> {
                record.put("state", s);
                if ("3".equals(s)) {
                    tables.outbound("resolution", "close_notes").ifPresent(n -> record.put("close_notes", n));
                }
            });
            return;
        }
        tables.outbound("state", status).ifPresent(s -> {
            record.put("state", s);
            if ("3".equals(s)) {
                tables.outbound("hold_reason", status).ifPresent(h -> record.put("hold_reason", h));
            }
            if ("6".equals(s) || "7".equals(s)) {
                // same PATCH as the state: the resolve data policy checks close_notes with it
                tables.outbound("resolution", "close_notes").ifPresent(n -> record.put("close_notes", n));
            }
        });
    }

    private void writePriority(ObjectNode record, String priority) {
        if (priority == null) {
            return;
        }
        tables.outbound(TicketFields.PRIORITY, priority).map(p -> p.split(",")).filter(p -> p.length == 2)
                .ifPresent(p -> {
                    record.put("impact", p[0].trim());
                    record.put("urgency", p[1].trim());
                });
    }

    private Object read(JsonNode record, String table, String field, JsonNode node) {
        switch (field) {
            case TicketFields.STATUS -> {
                if (CHANGE_REQUEST.equals(table) && "true".equals(value(record.get("on_hold")))) {
                    return "pending";
                }
                String state = value(node);
                return state == null ? null
                        : tables.inbound(CHANGE_REQUEST.equals(table) ? "change_state" : "state", state).orElse(null);
            }
            case TicketFields.PRIORITY -> {
                return priority(record, node);
            }
            case TicketFields.GROUP -> {
                String v = value(node);
                return v == null ? null : tables.inbound(TicketFields.GROUP, v).orElse(display(node));
            }
            case TicketFields.ASSIGNEE, TicketFields.REQUESTER_NAME -> {
                return display(node);
            }
            case TicketFields.CATEGORY, TicketFields.SUBCATEGORY -> {
                String v = value(node);
                return v == null ? null : tables.inbound(field, v).orElse(v);
            }
            case TicketFields.IMPACT, TicketFields.URGENCY -> {
                return level(field, node);
            }
            case TicketFields.DUE_AT -> {
                Instant at = parseTime(value(node));
                return at == null ? null : at.toString();
            }
            default -> {
                return value(node);
            }
        }
    }

    /** ServiceNow's computed priority; without it (not in the answer), the matrix over impact × urgency. */
    private String priority(JsonNode record, JsonNode node) {
        String p = value(node);
        if (p == null) {
            String impact = value(record.get("impact"));
            String urgency = value(record.get("urgency"));
            p = impact == null || urgency == null ? null : tables.table("priority_matrix").get(impact + "," + urgency);
        }
        return p == null ? null : tables.inbound(TicketFields.PRIORITY, p).orElse(null);
    }

    private String level(String table, JsonNode node) {
        String v = value(node);
        return v == null ? null : tables.inbound(table, v).orElse(null);
    }

    private static void putIfKnown(Map<String, Object> out, String field, Object value) {
        if (value != null) {
            out.putIfAbsent(field, value);
        }
    }

    private static void fillIfEmpty(Map<String, Object> values, String field, String value) {
        if (value != null && values.get(field) == null) {
            values.put(field, value);
        }
    }

    private static Object customValue(Map<String, Object> values, String field) {
        Object custom = values.get(TicketFields.CUSTOM_FIELDS);
        return custom instanceof Map<?, ?> m ? m.get(field.substring(CUSTOM.length())) : null;
    }
}
