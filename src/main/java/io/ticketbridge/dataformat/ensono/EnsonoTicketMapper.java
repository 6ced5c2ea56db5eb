package io.ticketbridge.dataformat.ensono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;

/**
 * Hub ticket → Ensono bridge payloads ({@link EnsonoInboundMapper} for the way back), pure Java over the tables of {@code config/mappings/ensono.yaml}.
 *
 * <p>Outbound, a hub ticket is first turned into its <em>bridge view</em>: the Ensono fields it should
 * have now (status and group mapped, priority 1-4, extra fields appended). A create sends the whole
 * view; an update sends the identity fields plus the view entries that differ from the link snapshot
 * (the view last sent or received), so Ensono sees only what changed.
 */
public final class EnsonoTicketMapper {

    public static final int DESCRIPTION_MAX = 4000;
    public static final int SHORT_DESCRIPTION_MAX = 160;
    public static final int COMMENT_MAX = 4000;
    /** Snapshot key prefix of extra fields that travel as comments. */
    public static final String EXTRA_COMMENT_PREFIX = "x:";
    private static final List<String> TERMINAL = List.of("resolved", "closed", "cancelled");

    /** Who the payload is for: the client name Ensono issued and our ticket's number and type. */
    public record Identity(String clientName, String clientTicketNumber, String ticketType) {
    }

    private final Supplier<EnsonoTables> tables;
    private final EnsonoInboundMapper inbound;

    public EnsonoTicketMapper(Supplier<EnsonoTables> tables) {
        this.tables = tables;
        this.inbound = new EnsonoInboundMapper(tables);
    }

    /** The Ensono → hub direction (queue message bodies to hub fields). */
    public EnsonoInboundMapper inbound() {
        return inbound;
    }

    public EnsonoTables tables() {
        return tables.get();
    }

    // ------------------------------------------------------------------ outbound

    public String ticketType(Ticket t) {
        String type = t.ticketType() == null ? "incident" : t.ticketType();
        return tables().typeOut().getOrDefault(type, "Incident");
    }

    /** The Ensono fields this hub ticket should have now (no identity, contact or comments). */
    public Map<String, String> bridgeView(Ticket t, String resolution) {
        EnsonoTables tb = tables();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("shortDescription", truncate(blankTo(t.subject(), t.number()), SHORT_DESCRIPTION_MAX));
        v.put("description", truncate(description(t, tb), DESCRIPTION_MAX));
        boolean internal = t.group() != null && tb.internalGroups().contains(t.group());
        String status = tb.statusOut().getOrDefault(t.status(), "open");
        if (internal && !TERMINAL.contains(status)) {
            // taken back by an internal group: Ensono should stop working it
            status = "pending";
        }
        v.put("status", status);
        String group = internal ? tb.genericGroup() : t.group() == null ? null : tb.groupsOut().getOrDefault(t.group(),
                t.group());
        if (group != null) {
            v.put("group", group);
        }
        switch (tb.prioritySource()) {
            case "matrix" -> v.put("priority", matrixPriority(t, tb));
            case "impact_urgency" -> {
                v.put("impact", tb.levelsOut().getOrDefault(String.valueOf(t.impact()), "3"));
                v.put("urgency", tb.levelsOut().getOrDefault(String.valueOf(t.urgency()), "3"));
            }
            default -> v.put("priority", validPriority(tb.priorityOut().get(String.valueOf(t.priority())), tb));
        }
        if (t.cis() != null && !t.cis().isEmpty()) {
            v.put("cis", String.join(",", t.cis()));
        }
        if ("resolved".equals(status) || "closed".equals(status)) {
            v.put("closeNotes", truncate(blankTo(resolution, "Resolved in " + t.number()), DESCRIPTION_MAX));
        }
        for (EnsonoTables.ExtraField x : tb.extraFields()) {
            if ("comments".equals(x.target())) {
                String value = extraValue(t, x.field());
                if (value != null) {
                    v.put(EXTRA_COMMENT_PREFIX + x.field(), value);
                }
            }
        }
        return v;
    }

    /** Priority from impact × urgency; anything missing or invalid is the default (3). */
    static String matrixPriority(Ticket t, EnsonoTables tb) {
        Map<String, String> row = tb.matrix().get(String.valueOf(t.impact()));
        String p = row == null ? null : row.get(String.valueOf(t.urgency()));
        return validPriority(p, tb);
    }

    static String validPriority(String p, EnsonoTables tb) {
        return p != null && p.trim().matches("[1-4]") ? p.trim() : tb.defaultPriority();
    }

    private static String description(Ticket t, EnsonoTables tb) {
        StringBuilder d = new StringBuilder(blankTo(t.description(), blankTo(t.subject(), "")));
        List<String> lines = new ArrayList<>();
        for (EnsonoTables.ExtraField x : tb.extraFields()) {
            if ("description".equals(x.target())) {
                String value = extraValue(t, x.field());
                if (value != null) {
                    lines.add(x.label() + ": " + value);
                }
            }
        }
        if (!lines.isEmpty()) {
            d.append("\n\n").append(String.join("\n", lines));
        }
        return d.toString();
    }

    static String extraValue(Ticket t, String field) {
        Object value;
        if (field.startsWith("custom_fields.")) {
            value = t.customFields() == null ? null : t.customFields().get(field.substring("custom_fields.".length()));
        } else {
            value = t.fields().get(field);
        }
        if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            return null;
        }
        String s = value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return s.isBlank() ? null : s;
    }

    /** A create: every required field, the whole view, and the comments not sent yet. */
    public ObjectNode createPayload(Identity id, Ticket t, Map<String, String> view, List<Comment> comments,
                                    String defaultContactEmail) {
        ObjectNode p = identity(id);
        view.forEach((k, v) -> {
            if (!k.startsWith(EXTRA_COMMENT_PREFIX) && !"closeNotes".equals(k) && !"status".equals(k)) {
                p.put(k, v);
            }
        });
        p.put("contactName", blankTo(t.requesterName(), blankTo(t.requesterEmail(), "Unknown")));
        p.put("contactEmail", blankTo(t.requesterEmail(), defaultContactEmail));
        if (t.requesterPhone() != null) {
            p.put("contactPhone", t.requesterPhone());
        }
        List<ObjectNode> all = new ArrayList<>();
        comments.forEach(c -> all.add(comment(c)));
        view.forEach((k, v) -> {
            if (k.startsWith(EXTRA_COMMENT_PREFIX)) {
                all.add(extraComment(k, v));
            }
        });
        if (!all.isEmpty()) {
            p.putArray("comments").addAll(all);
        }
        return wrap(p);
    }

    /** The view entries that differ from the snapshot (what an update must carry), in view order. */
    public Map<String, String> delta(Map<String, String> view, Map<String, ?> snapshot) {
        Map<String, String> d = new LinkedHashMap<>();
        view.forEach((k, v) -> {
            Object before = snapshot.get(k);
            if (!Objects.equals(v, before == null ? null : String.valueOf(before))) {
                d.put(k, v);
            }
        });
        // a group no longer set on our side is not "unset" at Ensono; keep what it has
        return d;
    }

    /**
     * An update with the identity fields plus only the changed fields and the unsent comments; null when
     * there is nothing to send.
     */
    public ObjectNode updatePayload(Identity id, Map<String, String> delta, Map<String, String> view,
                                    List<Comment> comments) {
        ObjectNode p = identity(id);
        boolean any = false;
        List<ObjectNode> all = new ArrayList<>();
        for (var e : delta.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(EXTRA_COMMENT_PREFIX)) {
                all.add(extraComment(k, e.getValue()));
            } else if (!"closeNotes".equals(k)) {
                p.put(k, e.getValue());
                any = true;
            }
        }
        String status = view.get("status");
        if (delta.containsKey("status") && ("resolved".equals(status) || "closed".equals(status))) {
            // a resolution or closure transaction carries its close notes
            p.put("closeNotes", view.get("closeNotes"));
        } else if (delta.containsKey("closeNotes") && ("resolved".equals(status) || "closed".equals(status))) {
            p.put("closeNotes", view.get("closeNotes"));
            any = true;
        }
        comments.forEach(c -> all.add(comment(c)));
        if (!all.isEmpty()) {
            p.putArray("comments").addAll(all);
            any = true;
        }
        return any ? wrap(p) : null;
    }

    public ObjectNode comment(Comment c) {
        ObjectNode n = Json.object();
        n.put("body", truncate(c.body(), COMMENT_MAX));
        n.put("commenter", blankTo(c.author(), tables().defaultCommenter()));
        if (c.authorEmail() != null) {
            n.put("commenterEmail", c.authorEmail());
        }
        if (c.createdAt() != null) {
            n.put("commentTime", c.createdAt().toString().replace('T', ' ').replaceAll("(\\.\\d+)?Z$", ""));
        }
        return n;
    }

    private ObjectNode extraComment(String key, String value) {
        String field = key.substring(EXTRA_COMMENT_PREFIX.length());
        String label = tables().extraFields().stream().filter(x -> x.field().equals(field)).map(
                EnsonoTables.ExtraField::label).findFirst().orElse(field);
        return Json.object().put("body", truncate(label + ": " + value, COMMENT_MAX))
                .put("commenter", tables().defaultCommenter());
    }

    public ObjectNode returnPtnPayload(Identity id) {
        return wrap(identity(id));
    }

    /** The answer to a Change approval ({@code POST /tickets/{n}/approve|reject}), as the guide's sample. */
    public ObjectNode approvalPayload(Identity id, String approver, String approvalId, String comment) {
        ObjectNode p = Json.object();
        p.put("clientName", id.clientName());
        p.put("ticketType", id.ticketType());
        p.put("clientTicketNumber", id.clientTicketNumber());
        p.put("approver", approver);
        p.put("approvalId", approvalId);
        if (comment != null && !comment.isBlank()) {
            p.putArray("comments").addObject().put("body", truncate(comment, COMMENT_MAX));
        }
        return wrap(p);
    }

    private static ObjectNode identity(Identity id) {
        ObjectNode p = Json.object();
        p.put("clientName", id.clientName());
        p.put("clientTicketNumber", id.clientTicketNumber());
        p.put("ticketType", id.ticketType());
        return p;
    }

    private static ObjectNode wrap(ObjectNode payload) {
        ObjectNode root = Json.object();
        root.set("payload", payload);
        return root;
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }

    static String blankTo(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    /** Comments as the JSON array Ensono takes (for tests and logs). */
    public ArrayNode comments(List<Comment> comments) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        comments.forEach(c -> a.add(comment(c)));
        return a;
    }
}
