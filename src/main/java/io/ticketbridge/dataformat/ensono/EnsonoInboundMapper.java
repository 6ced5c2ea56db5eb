package io.ticketbridge.dataformat.ensono;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.TicketFields;

/**
 * Ensono queue message bodies → hub ticket fields, pure Java over the inbound tables of
 * {@code config/mappings/ensono.yaml}. Unmapped values are left out rather than guessed.
 */
public final class EnsonoInboundMapper {

    private final Supplier<EnsonoTables> tables;

    public EnsonoInboundMapper(Supplier<EnsonoTables> tables) {
        this.tables = tables;
    }

    /** Hub fields for a ticket Ensono created (every field the body has). */
    public Map<String, Object> hubFields(JsonNode body) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String k : List.of("shortDescription", "description", "status", "priority", "impact", "urgency",
                "ticketType", "category", "group", "cis")) {
            if (body.hasNonNull(k)) {
                mapInbound(k, body.get(k).asText(), f);
            }
        }
        if (!f.containsKey(TicketFields.SUBJECT)) {
            f.put(TicketFields.SUBJECT, EnsonoTicketMapper.blankTo(body.path("ticketNumber").asText(""), "Ensono ticket"));
        }
        if (body.hasNonNull("contactName")) {
            f.put(TicketFields.REQUESTER_NAME, body.get("contactName").asText());
        }
        if (body.hasNonNull("contactEmail") && body.get("contactEmail").asText().contains("@")) {
            f.put(TicketFields.REQUESTER_EMAIL, body.get("contactEmail").asText());
        }
        return f;
    }

    /** Hub changes of an update: only the fields in its {@code changed} object (all fields when absent). */
    public Map<String, Object> hubChanges(JsonNode body) {
        JsonNode changed = body.get("changed");
        if (changed == null || !changed.isObject()) {
            Map<String, Object> all = hubFields(body);
            if (!body.hasNonNull("shortDescription")) {
                all.remove(TicketFields.SUBJECT);
            }
            return all;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        changed.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                mapInbound(e.getKey(), e.getValue().asText(), f);
            }
        });
        return f;
    }

    /** The hub status an Ensono status maps to, or null when the table has none. */
    public String hubStatus(String ensonoStatus) {
        return ensonoStatus == null ? null : tables.get().statusIn().get(ensonoStatus.toLowerCase(Locale.ROOT));
    }

    private void mapInbound(String key, String value, Map<String, Object> f) {
        EnsonoTables tb = tables.get();
        switch (key) {
            case "shortDescription" -> {
                if (!value.isBlank()) {
                    f.put(TicketFields.SUBJECT, value);
                }
            }
            case "description" -> f.put(TicketFields.DESCRIPTION, value);
            case "status" -> {
                String s = hubStatus(value);
                if (s != null) {
                    f.put(TicketFields.STATUS, s);
                }
            }
            case "priority" -> {
                String p = tb.priorityIn().get(value.trim());
                if (p != null) {
                    f.put(TicketFields.PRIORITY, p);
                }
            }
            case "impact", "urgency" -> {
                String l = tb.levelsIn().get(value.trim());
                if (l != null) {
                    f.put(key, l);
                }
            }
            case "ticketType" -> {
                String t = tb.typeIn().get(value.trim());
                if (t != null) {
                    f.put(TicketFields.TICKET_TYPE, t);
                }
            }
            case "category" -> {
                if (!value.isBlank()) {
                    f.put(TicketFields.CATEGORY, value);
                }
            }
            case "group" -> {
                if (!value.isBlank()) {
                    f.put(TicketFields.GROUP, tb.groupsIn().getOrDefault(value, value));
                }
            }
            case "cis" -> f.put(TicketFields.CIS, value.isBlank() ? List.of()
                    : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            default -> {
                // updatedOn, statusNextAction, offHoldDate...: no hub field
            }
        }
    }

    /** The notes object of a Notes transaction as a hub comment body, author and email. */
    public static String[] note(JsonNode body) {
        JsonNode n = body.path("notes");
        if (n.isArray()) {
            n = n.path(0);
        }
        return new String[] {n.path("body").asText(""), n.path("commenter").asText("Ensono"),
            n.hasNonNull("commenterEmail") ? n.get("commenterEmail").asText() : null, n.path("id").asText("")};
    }

}
