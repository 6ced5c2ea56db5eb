package io.ticketbridge.store;

import io.ticketbridge.model.QueueMessage;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ticketbridge.model.Ids;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * What the hub store knows of the queue messages taken in, with the operations the batch processor needs at
 * queue speed: one lookup for a whole batch, and the writes in the transaction of the messages' effect.
 *
 * <p>Two records, read together: each FIFO group's mark in {@code queue_marks} (the last message of the group
 * applied or skipped, by SentTimestamp and SequenceNumber, and its last deduplication ids), written once per
 * group and transaction; and the hub's inbox rows (the same rows and statuses {@link InboxStore} reads) for
 * what the mark does not say: failed attempts, skipped (out-of-scope) messages with their reason, messages
 * without a group or a SequenceNumber, and what an earlier version recorded. An applied message of a group
 * has no inbox row of its own.
 */
public final class QueueInbox {

    private static final long LEGACY_RECHECK_MS = 3_600_000;
    private static final String INSERT_ROW = "insert into inbox (id, source, dedup_key, space_id, integration_id,"
            + " event_type, payload, status, attempts, last_error, created_at, applied_at) values (:id, :src, :k, :s,"
            + " :i, :t, :p, :st, 1, :err, :now, :applied)";
    /** How many of a group's last deduplication ids its mark keeps. */
    public static final int RECENT = 10;

    public record Seen(String id, String status, int attempts) {
        public boolean done() {
            return InboxStore.APPLIED.equals(status) || InboxStore.SKIPPED.equals(status);
        }

        static boolean done(Seen s) {
            return s != null && s.done();
        }
    }

    /** Where a group stood when a batch was looked up: its last message taken, and its last deduplication ids. */
    public record Mark(long sentAt, BigInteger seq, List<String> recent) {
        static final Mark NONE = new Mark(Long.MIN_VALUE, BigInteger.ZERO, List.of());

        /**
         * Whether the message was taken already: it is at or before the mark in the order a group is applied
         * in ({@link QueueMessage#ORDER}), or a copy re-sent under one of the group's last deduplication ids. A
         * queue recreated empty numbers its messages afresh, but sends them later: they are not taken for
         * redeliveries.
         */
        public boolean covers(QueueMessage m) {
            if (this == NONE) {
                return false;
            }
            int c = Long.compare(m.sentTimestamp(), sentAt);
            if (c < 0 || c == 0 && m.sequence().compareTo(seq) <= 0) {
                return true;
            }
            return m.deduplicationId() != null && recent.contains(m.deduplicationId());
        }
    }

    /**
     * What the store knew of a batch's messages when it was looked up: their inbox rows, their groups' marks, and
     * (decided once per message) which of them were taken already.
     */
    public static final class Known {
        private final Map<String, Seen> rows;
        private final Map<String, Mark> marks;
        private final Set<String> taken;

        Known(Map<String, Seen> rows, Map<String, Mark> marks, Set<String> taken) {
            this.rows = rows;
            this.marks = marks;
            this.taken = taken;
        }

        /** The message's inbox row (null: none). */
        public Seen seen(QueueMessage m) {
            return rows.get(m.dedupKey());
        }

        /** Applied or skipped before (by its row or its group's mark): a redelivery, only to be deleted. */
        public boolean done(QueueMessage m) {
            return taken.contains(m.dedupKey());
        }

        Mark mark(String groupId) {
            return marks.getOrDefault(groupId, Mark.NONE);
        }
    }

    private final Jdbi jdbi;
    private final String source;
    private final String spaceId;
    private final String integrationId;
    /** Whether records keyed by the deduplication id alone remain, and when that was last asked. */
    private volatile boolean legacyKeys;
    private volatile long legacyCheckedAt;

    public QueueInbox(Jdbi jdbi, String source, String spaceId, String integrationId) {
        this.jdbi = jdbi;
        this.source = source;
        this.spaceId = spaceId;
        this.integrationId = integrationId;
    }

    /**
     * What the store knows about these messages: their groups' marks (one query on the marks' key), and their
     * inbox records by {@link QueueMessage#dedupKey} (one query on the dedup_key index: an IN list on the
     * second column of the (source, dedup_key) index would scan). While the inbox still holds records of an
     * earlier version, keyed by the deduplication id alone, a message's record under that key counts too.
     */
    public Known lookup(Handle h, Collection<QueueMessage> messages) {
        Map<String, Seen> rows = new HashMap<>();
        Set<String> taken = new HashSet<>();
        if (messages.isEmpty()) {
            return new Known(rows, Map.of(), taken);
        }
        boolean legacy = holdsLegacyKeys(h);
        Set<String> keys = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (QueueMessage m : messages) {
            keys.add(m.dedupKey());
            if (legacy && m.legacyDedupKey() != null) {
                keys.add(m.legacyDedupKey());
            }
            if (marked(m)) {
                groups.add(m.groupId());
            }
        }
        Map<String, Seen> byKey = new HashMap<>();
        h.createQuery("select id, source, dedup_key, status, attempts from inbox where dedup_key in (<keys>)")
                .bindList("keys", List.copyOf(keys))
                .map((rs, c) -> new String[] {rs.getString("id"), rs.getString("source"), rs.getString("dedup_key"),
                        rs.getString("status"), rs.getString("attempts")})
                .forEach(r -> {
                    if (source.equals(r[1])) {
                        byKey.put(r[2], new Seen(r[0], r[3], Integer.parseInt(r[4])));
                    }
                });
        Map<String, Mark> marks = marks(h, groups);
        for (QueueMessage m : messages) {
            Seen s = byKey.get(m.dedupKey());
            if (s == null && m.legacyDedupKey() != null) {
                s = byKey.get(m.legacyDedupKey());
            }
            if (s != null) {
                rows.put(m.dedupKey(), s);
            }
            if (Seen.done(s) || marked(m) && marks.getOrDefault(m.groupId(), Mark.NONE).covers(m)) {
                taken.add(m.dedupKey());
            }
        }
        return new Known(rows, marks, taken);
    }

    private Map<String, Mark> marks(Handle h, Set<String> groups) {
        Map<String, Mark> marks = new HashMap<>();
        if (groups.isEmpty()) {
            return marks;
        }
        h.createQuery("select group_id, sent_at, seq, recent from queue_marks where source=:src and group_id in"
                        + " (<groups>)")
                .bind("src", source).bindList("groups", List.copyOf(groups))
                .map((rs, c) -> {
                    String recent = rs.getString("recent");
                    return Map.entry(rs.getString("group_id"), new Mark(rs.getLong("sent_at"),
                            new BigInteger(rs.getString("seq")),
                            recent == null || recent.isEmpty() ? List.of() : Arrays.asList(recent.split("\n"))));
                })
                .forEach(e -> marks.put(e.getKey(), e.getValue()));
        return marks;
    }

    /** Whether the message's group mark records it: it has a group and a SequenceNumber. */
    public static boolean marked(QueueMessage m) {
        String seq = m.sequenceNumber();
        if (m.groupId() == null || m.groupId().isBlank() || seq == null || seq.isEmpty() || seq.length() > 40) {
            return false;
        }
        for (int i = 0; i < seq.length(); i++) {
            if (seq.charAt(i) < '0' || seq.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public Known lookup(Collection<QueueMessage> messages) {
        return jdbi.withHandle(h -> lookup(h, messages));
    }

    public Optional<Seen> find(Handle h, QueueMessage m) {
        return Optional.ofNullable(lookup(h, List.of(m)).seen(m));
    }

    /**
     * Moves the group's mark to the last of {@code done} (messages of one group, in order, applied or skipped
     * in the caller's transaction after the group stood at {@code known}'s mark) and adds their deduplication
     * ids to its last ones. Messages without a SequenceNumber are left out (their inbox rows record them).
     */
    public void advance(Handle h, Known known, List<QueueMessage> done) {
        List<QueueMessage> marked = done.stream().filter(QueueInbox::marked).toList();
        if (marked.isEmpty()) {
            return;
        }
        String group = marked.get(0).groupId();
        QueueMessage last = marked.get(marked.size() - 1);
        List<String> recent = new ArrayList<>(known.mark(group).recent());
        for (QueueMessage m : marked) {
            String id = m.deduplicationId();
            if (id != null && !id.isBlank() && id.length() <= 128 && id.indexOf('\n') < 0) {
                recent.remove(id);
                recent.add(id);
            }
        }
        if (recent.size() > RECENT) {
            recent = recent.subList(recent.size() - RECENT, recent.size());
        }
        Map<String, Object> row = Map.of("src", source, "g", group, "sent", last.sentTimestamp(),
                "seq", last.sequence().toString(), "recent", String.join("\n", recent), "n", marked.size(),
                "now", Timestamp.from(Instant.now()));
        int updated = h.createUpdate("update queue_marks set sent_at=:sent, seq=:seq, recent=:recent,"
                + " applied=applied+:n, updated_at=:now where source=:src and group_id=:g").bindMap(row).execute();
        if (updated == 0) {
            h.createUpdate("insert into queue_marks (source, group_id, sent_at, seq, recent, applied, updated_at)"
                    + " values (:src, :g, :sent, :seq, :recent, :n, :now)").bindMap(row).execute();
        }
    }

    /**
     * Whether this source's records include keys of the deduplication id alone (written before keys were
     * scoped to the group): asked once, and again hourly only while the answer is yes (retention removes
     * them). Messages without a group are still keyed so; where they mix with grouped ones, those are looked up
     * under both keys.
     */
    private boolean holdsLegacyKeys(Handle h) {
        long now = System.currentTimeMillis();
        if (legacyCheckedAt != 0 && (!legacyKeys || now - legacyCheckedAt < LEGACY_RECHECK_MS)) {
            return legacyKeys;
        }
        legacyKeys = !h.createQuery("select id from inbox where dedup_key like 'dd:%' and source=:src"
                        + " fetch first 1 rows only")
                .bind("src", source).mapTo(String.class).list().isEmpty();
        legacyCheckedAt = now;
        return legacyKeys;
    }

    /**
     * Records the outcome in the caller's transaction (the one holding the message's effect): an inbox row,
     * unless the message is applied, has none yet and its group's mark records it ({@link #advance}).
     */
    public void recordOutcome(Handle h, QueueMessage m, Seen seen, String status, String note) {
        if (!needsRow(m, seen, status)) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        if (seen == null) {
            newRow(h.createUpdate(INSERT_ROW), m, status, note, now, now).execute();
        } else {
            h.createUpdate("update inbox set status=:st, attempts=attempts+1, last_error=:err, applied_at=:now"
                            + " where id=:id")
                    .bind("st", status).bind("err", note).bind("now", now).bind("id", seen.id()).execute();
        }
    }

    /** One outcome for {@link #recordOutcomes}. */
    public record Outcome(QueueMessage message, Seen seen, String status, String note) {
    }

    /** Records several outcomes in the caller's transaction: new messages with one batched insert. */
    public void recordOutcomes(Handle h, List<Outcome> outcomes) {
        Timestamp now = Timestamp.from(Instant.now());
        org.jdbi.v3.core.statement.PreparedBatch batch = null;
        for (Outcome o : outcomes) {
            if (!needsRow(o.message(), o.seen(), o.status())) {
                continue;
            }
            if (o.seen() != null) {
                recordOutcome(h, o.message(), o.seen(), o.status(), o.note());
                continue;
            }
            if (batch == null) {
                batch = h.prepareBatch(INSERT_ROW);
            }
            newRow(batch, o.message(), o.status(), o.note(), now, now).add();
        }
        if (batch != null) {
            batch.execute();
        }
    }

    /** Whether an outcome needs an inbox row: a failed or skipped message, one without a mark, or one with a row. */
    private static boolean needsRow(QueueMessage m, Seen seen, String status) {
        return !InboxStore.APPLIED.equals(status) || !marked(m) || seen != null;
    }

    /** Binds a new inbox row of the message ({@link #INSERT_ROW}, one attempt so far). */
    private <T extends SqlStatement<T>> T newRow(T statement, QueueMessage m, String status, String note,
                                                  Timestamp now, Timestamp appliedAt) {
        return statement.bind("id", Ids.newId()).bind("src", source).bind("k", m.dedupKey()).bind("s", spaceId)
                .bind("i", integrationId).bind("t", m.transactionType()).bind("p", m.body()).bind("st", status)
                .bind("err", note).bind("now", now).bind("applied", appliedAt);
    }

    /** Records a failed attempt in its own transaction; returns the number of failed attempts so far. */
    public int recordFailure(QueueMessage m, String error) {
        String err = error.length() > 3900 ? error.substring(0, 3900) : error;
        return jdbi.inTransaction(h -> {
            Optional<Seen> seen = find(h, m);
            if (seen.isEmpty()) {
                newRow(h.createUpdate(INSERT_ROW), m, InboxStore.FAILED, err, Timestamp.from(Instant.now()), null)
                        .execute();
                return 1;
            }
            h.createUpdate("update inbox set status='failed', attempts=attempts+1, last_error=:err where id=:id")
                    .bind("err", err).bind("id", seen.get().id()).execute();
            return seen.get().attempts() + 1;
        });
    }
}
