package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The portal's lookup values and users. Status, priority, group, category and closure code are validated
 * (unknown id or name is 4001 with the field); other lookups (urgency, impact, site, ...) are accepted and given a
 * stable id. Users are found by id, email or name; unknown emails and names become new users, as SDP does for
 * requesters, but an unknown id is 4001.
 */
final class LookupCatalog {

    static final List<String> STATUSES = List.of("Open", "In Progress", "On Hold", "Resolved", "Closed", "Cancelled");
    static final List<String> PRIORITIES = List.of("Low", "Medium", "High", "Urgent");
    static final List<String> CLOSURE_CODES =
            List.of("Success", "Failed", "Cancelled", "Postponed", "Rejected", "Unable to Reproduce");
    private static final Map<String, String> STATUS_COLORS = Map.of("Open", "#0066ff", "In Progress", "#00bfff",
            "On Hold", "#ff9900", "Resolved", "#00cc66", "Closed", "#006600", "Cancelled", "#999999");

    private final Map<String, Map<String, ObjectNode>> validated = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> free = new HashMap<>();
    private final Map<String, ObjectNode> usersById = new LinkedHashMap<>();
    private long nextId = 100_000_000_000_000_100L;

    LookupCatalog(Collection<String> groups, Collection<String> categories) {
        // Small ids for status and priority mirror the vendor samples ("High" is id "3"); ordering by id is severity order.
        register("status", STATUSES, 2);
        register("priority", PRIORITIES, 1);
        register("closure_code", CLOSURE_CODES, 1);
        register("group", groups, 0);
        register("category", categories, 0);
    }

    private void register(String field, Collection<String> names, int firstSmallId) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        int smallId = firstSmallId;
        for (String name : names) {
            ObjectNode node = Json.object();
            node.put("id", firstSmallId > 0 ? Integer.toString(smallId++) : Long.toString(nextId++));
            node.put("name", name);
            if ("status".equals(field)) {
                node.put("color", STATUS_COLORS.get(name));
            }
            byName.put(name.toLowerCase(Locale.ROOT), node);
        }
        validated.put(field, byName);
    }

    static boolean isValidated(String field) {
        return List.of("status", "priority", "group", "category", "closure_code").contains(field);
    }

    /** Canonical {@code {id,name}} for a validated lookup; id wins over name, as in SDP. */
    synchronized ObjectNode resolve(String field, JsonNode input) {
        if (input == null || !input.isObject()) {
            throw SdpApiException.invalidValue(field);
        }
        Map<String, ObjectNode> values = validated.get(field);
        String id = Json.text(input.get("id"));
        String name = Json.text(input.get("name"));
        if (id != null) {
            return values.values().stream().filter(v -> v.get("id").asText().equals(id)).findFirst()
                    .map(ObjectNode::deepCopy).orElseThrow(() -> SdpApiException.invalidValue(field));
        }
        ObjectNode match = name == null ? null : values.get(name.toLowerCase(Locale.ROOT));
        if (match == null) {
            throw SdpApiException.invalidValue(field);
        }
        return match.deepCopy();
    }

    ObjectNode byName(String field, String name) {
        ObjectNode input = Json.object();
        input.put("name", name);
        return resolve(field, input);
    }

    /** Unvalidated lookups keep what the client sent and gain a stable id per name. */
    synchronized ObjectNode freeLookup(String field, JsonNode input) {
        if (!input.isObject()) {
            throw SdpApiException.invalidValue(field);
        }
        ObjectNode node = ((ObjectNode) input).deepCopy();
        String name = Json.text(node.get("name"));
        if (Json.text(node.get("id")) == null && name != null) {
            ObjectNode known = free.computeIfAbsent(field, k -> new HashMap<>())
                    .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> {
                        ObjectNode created = Json.object();
                        created.put("id", Long.toString(nextId++));
                        created.put("name", name);
                        return created;
                    });
            node.put("id", known.get("id").asText());
        }
        return node;
    }

    /** A user as {@code {id,name,email_id}}. */
    synchronized ObjectNode user(String field, JsonNode input) {
        if (input == null || !input.isObject()) {
            throw SdpApiException.invalidValue(field);
        }
        String id = Json.text(input.get("id"));
        if (id != null) {
            ObjectNode known = usersById.get(id);
            if (known == null) {
                throw SdpApiException.invalidValue(field);
            }
            return known.deepCopy();
        }
        String email = Json.text(input.get("email_id"));
        String name = Json.text(input.get("name"));
        if (email == null && name == null) {
            throw SdpApiException.invalidValue(field);
        }
        for (ObjectNode user : usersById.values()) {
            boolean sameEmail = email != null && email.equalsIgnoreCase(Json.text(user.get("email_id")));
            boolean sameName = email == null && name.equalsIgnoreCase(Json.text(user.get("name")));
            if (sameEmail || sameName) {
                return user.deepCopy();
            }
        }
        return addUser(name != null ? name : nameFromEmail(email), email).deepCopy();
    }

    synchronized ObjectNode addUser(String name, String email) {
        ObjectNode user = Json.object();
        user.put("id", Long.toString(nextId++));
        user.put("name", name);
        user.put("email_id", email);
        usersById.put(user.get("id").asText(), user);
        return user;
    }

    private static String nameFromEmail(String email) {
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        StringBuilder name = new StringBuilder();
        for (String part : local.split("[._-]+")) {
            if (!part.isEmpty()) {
                name.append(name.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1));
            }
        }
        return name.toString();
    }
}
