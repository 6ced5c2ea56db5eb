package io.ticketbridge.store;

import io.ticketbridge.model.QueueMessage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Queue messages parked locally: a poison message and the later messages of its group, kept in
 * arrival order (seq) so a replay applies them exactly as the queue would have.
 */
public final class ParkingStore {

    /** The group_id of parked messages that came without a group. */
    public static final String NO_GROUP = "(none)";

    public record Parked(String id, long seq, String integrationId, String groupId, String messageId, String dedupKey,
                         String transactionType, long sentTimestamp, String sequenceNumber, String body,
                         Map<String, String> attributes, String reason, Instant parkedAt) {

        public QueueMessage toMessage() {
            // a message without a group was parked under "(none)": given back without one, its dedup key is the same
            String group = NO_GROUP.equals(groupId) ? null : groupId;
            String dedup = QueueMessage.deduplicationId(dedupKey, group);
            String ref = attributes == null ? null : attributes.get(QueueMessage.CLIENT_REFERENCE_AVAILABLE);
            return new QueueMessage(messageId, null, group, sentTimestamp, sequenceNumber, dedup, 0, transactionType,
                    ref == null ? null : Boolean.parseBoolean(ref), body, attributes);
        }
    }

    public record GroupSummary(String groupId, long messages, String firstReason, Instant parkedAt) {
    }

    private final Jdbi jdbi;

    public ParkingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void park(Handle h, String integrationId, List<QueueMessage> messages, String reason) {
        for (QueueMessage m : messages) {
            boolean known = h.createQuery("select count(*) from queue_parked where integration_id=:i and dedup_key=:k")
                    .bind("i", integrationId).bind("k", m.dedupKey()).mapTo(Long.class).one() > 0;
            if (known) {
                continue;
            }
            h.createUpdate("insert into queue_parked (id, integration_id, group_id, message_id, dedup_key,"
                            + " transaction_type, sent_timestamp, sequence_number, body, attributes, reason, parked_at)"
                            + " values (:id, :i, :g, :m, :k, :t, :st, :sn, :b, :a, :r, :now)")
                    .bind("id", Ids.newId()).bind("i", integrationId).bind("g", group(m)).bind("m", m.messageId())
                    .bind("k", m.dedupKey()).bind("t", m.transactionType()).bind("st", m.sentTimestamp())
                    .bind("sn", m.sequenceNumber()).bind("b", m.body())
                    .bind("a", m.attributes() == null ? null : Json.write(m.attributes()))
                    .bind("r", reason == null ? null : reason.length() > 4000 ? reason.substring(0, 4000) : reason)
                    .bind("now", ts(Instant.now())).execute();
        }
    }

    public static String group(QueueMessage m) {
        return m.groupId() == null ? NO_GROUP : m.groupId();
    }

    /** Which of these groups have parked messages (new arrivals for them are parked behind). */
    public Set<String> parkedAmong(String integrationId, Collection<String> groups) {
        if (groups.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery("select distinct group_id from queue_parked"
                        + " where integration_id=:i and group_id in (<g>)")
                .bind("i", integrationId).bindList("g", List.copyOf(groups)).mapTo(String.class).list()));
    }

    public List<GroupSummary> groups(String integrationId) {
        return jdbi.withHandle(h -> h.createQuery("select group_id, count(*) as n, min(seq) as first_seq,"
                        + " min(parked_at) as parked_at from queue_parked where integration_id=:i group by group_id"
                        + " order by min(seq)")
                .bind("i", integrationId)
                .map((rs, c) -> new GroupSummary(rs.getString("group_id"), rs.getLong("n"),
                        h.createQuery("select reason from queue_parked where seq=:s").bind("s", rs.getLong("first_seq"))
                                .mapTo(String.class).findOne().orElse(null), instant(rs, "parked_at")))
                .list());
    }

    public List<Parked> messages(String integrationId, String groupId) {
        return jdbi.withHandle(h -> h.createQuery("select * from queue_parked where integration_id=:i and group_id=:g"
                        + " order by seq")
                .bind("i", integrationId).bind("g", groupId).map((rs, c) -> map(rs)).list());
    }

    public long count(String integrationId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from queue_parked where integration_id=:i")
                .bind("i", integrationId).mapTo(Long.class).one());
    }

    public void remove(Handle h, String id) {
        h.createUpdate("delete from queue_parked where id=:id").bind("id", id).execute();
    }

    public int discard(String integrationId, String groupId) {
        return jdbi.withHandle(h -> h.createUpdate("delete from queue_parked where integration_id=:i and group_id=:g")
                .bind("i", integrationId).bind("g", groupId).execute());
    }

    private static java.sql.Timestamp ts(Instant i) {
        return i == null ? null : java.sql.Timestamp.from(i);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Parked map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String attrs = rs.getString("attributes");
        Map<String, String> attributes = attrs == null ? Map.of()
                : Json.MAPPER.convertValue(Json.read(attrs), new TypeReference<Map<String, String>>() { });
        return new Parked(rs.getString("id"), rs.getLong("seq"), rs.getString("integration_id"),
                rs.getString("group_id"), rs.getString("message_id"), rs.getString("dedup_key"),
                rs.getString("transaction_type"), rs.getLong("sent_timestamp"), rs.getString("sequence_number"),
                rs.getString("body"), attributes, rs.getString("reason"), instant(rs, "parked_at"));
    }
}
