package io.ticketbridge.dataformat.ensono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value tables of {@code config/mappings/ensono.yaml}: status, priority (map or impact×urgency
 * matrix), levels, ticket types, groups (map, default, generic, internal) and extra fields.
 */
public record EnsonoTables(Map<String, String> statusOut, Map<String, String> statusIn, String prioritySource,
                           String defaultPriority, Map<String, String> priorityOut, Map<String, String> priorityIn,
                           Map<String, Map<String, String>> matrix, Map<String, String> levelsOut,
                           Map<String, String> levelsIn, Map<String, String> typeOut, Map<String, String> typeIn,
                           Map<String, String> groupsOut, Map<String, String> groupsIn, String defaultGroup,
                           String genericGroup, List<String> internalGroups, List<ExtraField> extraFields,
                           String defaultCommenter) {

    /** A hub field outside the bridge schema and where it goes ("description" or "comments"). */
    public record ExtraField(String field, String label, String target) {
    }

    public static EnsonoTables parse(Map<String, Object> doc) {
        Map<String, Object> status = map(doc.get("status"));
        Map<String, Object> priority = map(doc.get("priority"));
        Map<String, Object> levels = map(doc.get("levels"));
        Map<String, Object> types = map(doc.get("ticket_type"));
        Map<String, Object> groups = map(doc.get("groups"));
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        map(priority.get("matrix")).forEach((k, v) -> matrix.put(k, strings(v)));
        List<ExtraField> extras = new java.util.ArrayList<>();
        if (doc.get("extra_fields") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> e = map(o);
                if (e.get("field") != null) {
                    String target = String.valueOf(e.getOrDefault("target", "description"));
                    if (!target.equals("description") && !target.equals("comments")) {
                        throw new IllegalArgumentException("extra_fields target must be description or comments, got "
                                + target);
                    }
                    extras.add(new ExtraField(String.valueOf(e.get("field")),
                            String.valueOf(e.getOrDefault("label", e.get("field"))), target));
                }
            }
        }
        List<String> internal = groups.get("internal") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        String source = str(priority.get("source"), "priority");
        if (!List.of("priority", "matrix", "impact_urgency").contains(source)) {
            throw new IllegalArgumentException("priority.source must be priority, matrix or impact_urgency");
        }
        return new EnsonoTables(strings(status.get("outbound")), strings(status.get("inbound")), source,
                str(priority.get("default"), "3"), strings(priority.get("outbound")), strings(priority.get("inbound")),
                matrix, strings(levels.get("outbound")), strings(levels.get("inbound")), strings(types.get("outbound")),
                strings(types.get("inbound")), strings(groups.get("outbound")), strings(groups.get("inbound")),
                str(groups.get("default"), null), str(groups.get("generic"), null), internal, List.copyOf(extras),
                str(doc.get("default_commenter"), "TicketBridge"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> {
            if (v != null) {
                out.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return out;
    }

    private static String str(Object o, String fallback) {
        return o == null || String.valueOf(o).isBlank() ? fallback : String.valueOf(o);
    }
}
