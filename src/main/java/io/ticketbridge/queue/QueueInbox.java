package io.ticketbridge.queue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ticketbridge.model.Ids;
import io.ticketbridge.store.InboxStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Queue messages in the hub's inbox table (the same rows and statuses {@link InboxStore} reads), with
 * the two operations the batch processor needs at queue speed: one lookup for a whole batch, and one
 * write per message in the transaction of its effect.
 */
final class QueueInbox {

    private static final long LEGACY_RECHECK_MS = 3_600_000;

    record Seen(String id, String status, int attempts) {
        boolean done() {
            return InboxStore.APPLIED.equals(status) || InboxStore.SKIPPED.equals(status);
        }

        /** The message of this record (null: never seen) was applied or skipped: a redelivery is only deleted. */
        static boolean done(Seen s) {
            return s != null && s.done();
        }
    }

    private final Jdbi jdbi;
    private final String source;
    private final String spaceId;
    private final String integrationId;
    /** Whether records keyed by the deduplication id alone remain, and when that was last asked. */
    private volatile boolean legacyKeys;
    private volatile long legacyCheckedAt;

    QueueInbox(Jdbi jdbi, String source, String spaceId, String integrationId) {
        this.jdbi = jdbi;
        this.source = source;
        this.spaceId = spaceId;
        this.integrationId = integrationId;
    }

    /**
     * What the inbox already knows about these messages, by {@link QueueMessage#dedupKey}: one query per batch
     * on the dedup_key index (an IN list on the second column of the (source, dedup_key) index would scan).
     * While the inbox still holds records of an earlier version, keyed by the deduplication id alone, a
     * message's record under that key counts too.
     */
    Map<String, Seen> lookup(Handle h, Collection<QueueMessage> messages) {
        Map<String, Seen> out = new HashMap<>();
        if (messages.isEmpty()) {
            return out;
        }
        boolean legacy = holdsLegacyKeys(h);
        Set<String> keys = new LinkedHashSet<>();
        for (QueueMessage m : messages) {
            keys.add(m.dedupKey());
            if (legacy && m.legacyDedupKey() != null) {
                keys.add(m.legacyDedupKey());
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
        for (QueueMessage m : messages) {
            Seen s = byKey.get(m.dedupKey());
            if (s == null && m.legacyDedupKey() != null) {
                s = byKey.get(m.legacyDedupKey());
            }
            if (s != null) {
                out.put(m.dedupKey(), s);
            }
        }
        return out;
    }

    Map<String, Seen> lookup(Collection<QueueMessage> messages) {
        return jdbi.withHandle(h -> lookup(h, messages));
    }

    Optional<Seen> find(Handle h, QueueMessage m) {
        return Optional.ofNullable(lookup(h, List.of(m)).get(m.dedupKey()));
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

    /** Records the outcome in the caller's transaction (the one holding the message's effect). */
    void recordOutcome(Handle h, QueueMessage m, Seen seen, String status, String note) {
        Timestamp now = Timestamp.from(Instant.now());
        if (seen == null) {
            h.createUpdate("insert into inbox (id, source, dedup_key, space_id, integration_id, event_type, payload,"
                            + " status, attempts, last_error, created_at, applied_at) values (:id, :src, :k, :s, :i, :t,"
                            + " :p, :st, 1, :err, :now, :now)")
                    .bind("id", Ids.newId()).bind("src", source).bind("k", m.dedupKey()).bind("s", spaceId)
                    .bind("i", integrationId).bind("t", m.transactionType()).bind("p", m.body()).bind("st", status)
                    .bind("err", note).bind("now", now).execute();
        } else {
            h.createUpdate("update inbox set status=:st, attempts=attempts+1, last_error=:err, applied_at=:now"
                            + " where id=:id")
                    .bind("st", status).bind("err", note).bind("now", now).bind("id", seen.id()).execute();
        }
    }

    /** One outcome for {@link #recordOutcomes}. */
    record Outcome(QueueMessage message, Seen seen, String status, String note) {
    }

    /** Records several outcomes in the caller's transaction: new messages with one batched insert. */
    void recordOutcomes(Handle h, List<Outcome> outcomes) {
        Timestamp now = Timestamp.from(Instant.now());
        org.jdbi.v3.core.statement.PreparedBatch batch = null;
        for (Outcome o : outcomes) {
            if (o.seen() != null) {
                recordOutcome(h, o.message(), o.seen(), o.status(), o.note());
                continue;
            }
            if (batch == null) {
                batch = h.prepareBatch("insert into inbox (id, source, dedup_key, space_id, integration_id,"
                        + " event_type, payload, status, attempts, last_error, created_at, applied_at) values (:id,"
                        + " :src, :k, :s, :i, :t, :p, :st, 1, :err, :now, :now)");
            }
            QueueMessage m = o.message();
            batch.bind("id", Ids.newId()).bind("src", source).bind("k", m.dedupKey()).bind("s", spaceId)
                    .bind("i", integrationId).bind("t", m.transactionType()).bind("p", m.body())
                    .bind("st", o.status()).bind("err", o.note()).bind("now", now).add();
        }
        if (batch != null) {
            batch.execute();
        }
    }

    /** Records a failed attempt in its own transaction; returns the number of failed attempts so far. */
    int recordFailure(QueueMessage m, String error) {
        String err = error.length() > 3900 ? error.substring(0, 3900) : error;
        return jdbi.inTransaction(h -> {
            Optional<Seen> seen = find(h, m);
            Timestamp now = Timestamp.from(Instant.now());
            if (seen.isEmpty()) {
                h.createUpdate("insert into inbox (id, source, dedup_key, space_id, integration_id, event_type,"
                                + " payload, status, attempts, last_error, created_at) values (:id, :src, :k, :s, :i, :t,"
                                + " :p, 'failed', 1, :err, :now)")
                        .bind("id", Ids.newId()).bind("src", source).bind("k", m.dedupKey()).bind("s", spaceId)
                        .bind("i", integrationId).bind("t", m.transactionType()).bind("p", m.body()).bind("err", err)
                        .bind("now", now).execute();
                return 1;
            }
            h.createUpdate("update inbox set status='failed', attempts=attempts+1, last_error=:err where id=:id")
                    .bind("err", err).bind("id", seen.get().id()).execute();
            return seen.get().attempts() + 1;
        });
    }
}
