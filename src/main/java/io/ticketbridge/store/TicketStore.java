package io.ticketbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Hub tickets. Callers pass canonical field maps already validated by the API or a mapper. */
public final class TicketStore {

    private static final String COLUMNS = "id, seq, space_id, subject, description, status, priority, impact, urgency,"
            + " ticket_type, category, subcategory, group_name, assignee, requester_name, requester_email,"
            + " requester_phone, cis, approval_status, due_at, resolved_at, closed_at, custom_fields, version,"
            + " created_at, updated_at";

    private final String numberPrefix;

    public TicketStore(String numberPrefix) {
        this.numberPrefix = numberPrefix;
    }

    public Ticket create(Handle h, String spaceId, Map<String, Object> fields) {
        String id = Ids.newId();
        Instant now = Instant.now();
        Map<String, Object> f = new HashMap<>(fields);
        f.putIfAbsent(TicketFields.STATUS, "new");
        f.putIfAbsent(TicketFields.TICKET_TYPE, "incident");
        f.putIfAbsent(TicketFields.PRIORITY, "medium");
        String status = (String) f.get(TicketFields.STATUS);
        h.createUpdate("insert into tickets (id, space_id, subject, description, status, priority, impact, urgency,"
                        + " ticket_type, category, subcategory, group_name, assignee, requester_name, requester_email,"
                        + " requester_phone, cis, approval_status, due_at, resolved_at, closed_at, custom_fields,"
                        + " version, created_at, updated_at) values (:id, :space, :subject, :description, :status,"
                        + " :priority, :impact, :urgency, :ticket_type, :category, :subcategory, :group_name, :assignee,"
                        + " :requester_name, :requester_email, :requester_phone, :cis, :approval_status, :due_at,"
                        + " :resolved_at, :closed_at, :custom_fields, 1, :now, :now)")
                .bind("id", id).bind("space", spaceId)
                .bindMap(columnValues(f))
                .bind("resolved_at", "resolved".equals(status) || "closed".equals(status) ? ts(now) : null)
                .bind("closed_at", "closed".equals(status) ? ts(now) : null)
                .bind("now", ts(now))
                .execute();
        return get(h, null, id).orElseThrow();
    }

    /** Applies the given canonical changes; returns the ticket unchanged when nothing differs. */
    public Ticket update(Handle h, Ticket current, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current.fields());
        merged.putAll(changes);
        if (merged.equals(current.fields())) {
            return current;
        }
        Instant now = Instant.now();
        String status = (String) merged.get(TicketFields.STATUS);
        Timestamp resolvedAt = ts(current.resolvedAt());
        Timestamp closedAt = ts(current.closedAt());
        if (!status.equals(current.status())) {
            if ("resolved".equals(status)) {
                resolvedAt = ts(now);
            } else if ("closed".equals(status)) {
                closedAt = ts(now);
                resolvedAt = resolvedAt == null ? ts(now) : resolvedAt;
            } else if (!TicketFields.TERMINAL.contains(status)) {
                resolvedAt = null;
                closedAt = null;
            }
        }
        int rows = h.createUpdate("update tickets set subject=:subject, description=:description, status=:status,"
                        + " priority=:priority, impact=:impact, urgency=:urgency, ticket_type=:ticket_type,"
                        + " category=:category, subcategory=:subcategory, group_name=:group_name, assignee=:assignee,"
                        + " requester_name=:requester_name, requester_email=:requester_email,"
                        + " requester_phone=:requester_phone, cis=:cis, approval_status=:approval_status,"
                        + " due_at=:due_at, custom_fields=:custom_fields, resolved_at=:resolved_at,"
                        + " closed_at=:closed_at, version=version+1, updated_at=:now where id=:id and version=:version")
                .bindMap(columnValues(merged))
                .bind("resolved_at", resolvedAt).bind("closed_at", closedAt)
                .bind("now", ts(now)).bind("id", current.id()).bind("version", current.version())
                .execute();
        if (rows == 0) {
            throw new ConcurrentUpdateException("Ticket " + current.id() + " was changed concurrently");
        }
        return get(h, null, current.id()).orElseThrow();
    }

    /**
     * Marks the ticket as changed when a child (comment, attachment...) is added, so "updated since"
     * listings show it. The version counts changes of the ticket's own fields (If-Match) and stays.
     */
    public void touch(Handle h, String ticketId) {
        h.createUpdate("update tickets set updated_at=:now where id=:id").bind("now", ts(Instant.now()))
                .bind("id", ticketId).execute();
    }

    public boolean delete(Handle h, String ticketId) {
        h.createUpdate("delete from sync_ledger where ticket_id=:id").bind("id", ticketId).execute();
        return h.createUpdate("delete from tickets where id=:id").bind("id", ticketId).execute() == 1;
    }

    /** spaceId null means any space (admin). */
    public Optional<Ticket> get(Handle h, String spaceId, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        Query q = h.createQuery("select " + COLUMNS + " from tickets where id=:id"
                + (spaceId == null ? "" : " and space_id=:space")).bind("id", id);
        if (spaceId != null) {
            q.bind("space", spaceId);
        }
        return q.map((rs, ctx) -> map(rs)).findOne();
    }

    public Optional<Ticket> getByNumber(Handle h, String spaceId, String number) {
        if (number == null || !number.startsWith(numberPrefix)) {
            return Optional.empty();
        }
        long seq;
        try {
            seq = Long.parseLong(number.substring(numberPrefix.length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Query q = h.createQuery("select " + COLUMNS + " from tickets where seq=:seq"
                + (spaceId == null ? "" : " and space_id=:space")).bind("seq", seq);
        if (spaceId != null) {
            q.bind("space", spaceId);
        }
        return q.map((rs, ctx) -> map(rs)).findOne();
    }

    public Page<Ticket> list(Handle h, TicketFilter filter, int page, int pageSize) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> args = new HashMap<>();
        if (filter.spaceId() != null) {
            where.append(" and space_id=:space");
            args.put("space", filter.spaceId());
        }
        addEquals(where, args, "status", filter.status());
        addEquals(where, args, "priority", filter.priority());
        addEquals(where, args, "group_name", filter.group());
        addEquals(where, args, "ticket_type", filter.ticketType());
        if (filter.updatedSince() != null) {
            where.append(" and updated_at >= :since");
            args.put("since", ts(filter.updatedSince()));
        }
        long total = h.createQuery("select count(*) from tickets" + where).bindMap(args).mapTo(Long.class).one();
        List<Ticket> items = h.createQuery("select " + COLUMNS + " from tickets" + where
                        + " order by updated_at desc, seq desc limit :limit offset :offset")
                .bindMap(args).bind("limit", pageSize).bind("offset", (page - 1) * pageSize)
                .map((rs, ctx) -> map(rs)).list();
        return new Page<>(items, page, pageSize, total);
    }

    private static void addEquals(StringBuilder where, Map<String, Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append("=:").append(column);
            args.put(column, value);
        }
    }

    private static Map<String, Object> columnValues(Map<String, Object> f) {
        Map<String, Object> v = new HashMap<>();
        v.put("subject", f.get(TicketFields.SUBJECT));
        v.put("description", f.get(TicketFields.DESCRIPTION));
        v.put("status", f.get(TicketFields.STATUS));
        v.put("priority", f.get(TicketFields.PRIORITY));
        v.put("impact", f.get(TicketFields.IMPACT));
        v.put("urgency", f.get(TicketFields.URGENCY));
        v.put("ticket_type", f.get(TicketFields.TICKET_TYPE));
        v.put("category", f.get(TicketFields.CATEGORY));
        v.put("subcategory", f.get(TicketFields.SUBCATEGORY));
        v.put("group_name", f.get(TicketFields.GROUP));
        v.put("assignee", f.get(TicketFields.ASSIGNEE));
        v.put("requester_name", f.get(TicketFields.REQUESTER_NAME));
        v.put("requester_email", f.get(TicketFields.REQUESTER_EMAIL));
        v.put("requester_phone", f.get(TicketFields.REQUESTER_PHONE));
        Object cis = f.get(TicketFields.CIS);
        v.put("cis", cis == null || (cis instanceof List<?> l && l.isEmpty()) ? null : Json.write(cis));
        v.put("approval_status", f.get(TicketFields.APPROVAL_STATUS));
        Object due = f.get(TicketFields.DUE_AT);
        v.put("due_at", due == null ? null : ts(Instant.parse(due.toString())));
        Object custom = f.get(TicketFields.CUSTOM_FIELDS);
        v.put("custom_fields", custom == null || (custom instanceof Map<?, ?> m && m.isEmpty()) ? null : Json.write(custom));
        return v;
    }

    private Ticket map(ResultSet rs) throws SQLException {
        String cis = rs.getString("cis");
        String custom = rs.getString("custom_fields");
        return new Ticket(
                rs.getString("id"),
                numberPrefix + rs.getLong("seq"),
                rs.getString("space_id"),
                rs.getString("subject"),
                rs.getString("description"),
                rs.getString("status"),
                rs.getString("priority"),
                rs.getString("impact"),
                rs.getString("urgency"),
                rs.getString("ticket_type"),
                rs.getString("category"),
                rs.getString("subcategory"),
                rs.getString("group_name"),
                rs.getString("assignee"),
                rs.getString("requester_name"),
                rs.getString("requester_email"),
                rs.getString("requester_phone"),
                cis == null ? List.of() : Json.MAPPER.convertValue(Json.read(cis), new TypeReference<List<String>>() { }),
                rs.getString("approval_status"),
                instant(rs, "due_at"),
                custom == null ? Map.of() : Json.MAPPER.convertValue(Json.read(custom),
                        new TypeReference<LinkedHashMap<String, Object>>() { }),
                rs.getLong("version"),
                instant(rs, "resolved_at"),
                instant(rs, "closed_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public record TicketFilter(String spaceId, String status, String priority, String group, String ticketType,
                               Instant updatedSince) {
    }

}
