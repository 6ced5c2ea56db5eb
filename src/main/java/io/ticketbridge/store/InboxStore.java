package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.ticketbridge.model.Ids;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Inbound events (webhooks, queue messages) recorded under a dedup key before they are applied, so
 * a redelivery is recognised and never applied twice.
 */
public final class InboxStore {

    public static final String RECEIVED = "received";
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    private final Jdbi jdbi;

    /** The inbox source (and queue-mark source) of an integration's inbound queue; the stored key keeps the prefix earlier versions wrote. */
    public static String queueSource(String integrationId) {
        return "ensono-queue:" + integrationId;
    }

    public InboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record InboxEntry(String id, String source, String dedupKey, String spaceId, String integrationId,
                             String eventType, String payload, String status, int attempts, String lastError,
                             Instant createdAt, Instant appliedAt) {
    }

    /** Records the event; empty when this (source, dedup key) was seen before. */
    public Optional<InboxEntry> receive(Handle h, String source, String dedupKey, String spaceId,
                                        String integrationId, String eventType, String payload) {
        if (find(h, source, dedupKey).isPresent()) {
            return Optional.empty();
        }
        String id = Ids.newId();
        h.createUpdate("insert into inbox (id, source, dedup_key, space_id, integration_id, event_type, payload,"
                        + " status, attempts, created_at) values (:id, :src, :k, :s, :i, :t, :p, 'received', 0, :now)")
                .bind("id", id).bind("src", source).bind("k", dedupKey).bind("s", spaceId).bind("i", integrationId)
                .bind("t", eventType).bind("p", payload).bind("now", ts(Instant.now())).execute();
        return find(h, source, dedupKey);
    }

    public Optional<InboxEntry> find(Handle h, String source, String dedupKey) {
        return h.createQuery("select * from inbox where source=:src and dedup_key=:k")
                .bind("src", source).bind("k", dedupKey).map((rs, c) -> map(rs)).findOne();
    }

    public boolean isApplied(Handle h, String source, String dedupKey) {
        return find(h, source, dedupKey).map(e -> APPLIED.equals(e.status()) || SKIPPED.equals(e.status()))
                .orElse(false);
    }

    public void mark(Handle h, String id, String status, String error) {
        h.createUpdate("update inbox set status=:st, attempts=attempts+1, last_error=:err,"
                        + " applied_at=case when :st in ('applied','skipped') then :now else applied_at end where id=:id")
                .bind("st", status).bind("err", error).bind("now", ts(Instant.now())).bind("id", id).execute();
    }

    public void mark(String id, String status, String error) {
        jdbi.useHandle(h -> mark(h, id, status, error));
    }

    public List<InboxEntry> pendingRetries(String source, int maxAttempts, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select * from inbox where source=:src and status in"
                        + " ('received','failed') and attempts < :max order by created_at limit :l")
                .bind("src", source).bind("max", maxAttempts).bind("l", limit).map((rs, c) -> map(rs)).list());
    }

    /**
     * Deletes up to {@code slice} records of applied and skipped events created before {@code before}, in
     * one transaction; returns how many went. Received and failed records stay: they are still due.
     */
    public int prune(Instant before, int slice) {
        return jdbi.withHandle(h -> h.createUpdate("delete from inbox where id in (select id from inbox"
                        + " where status in ('applied','skipped') and created_at < :before limit :slice)")
                .bind("before", ts(before)).bind("slice", slice).execute());
    }

    /**
     * Deletes the marks of queue message groups (V9) with no message taken since {@code before}: a queue keeps a
     * message at most 14 days, so none of theirs can come back once the retention is longer. Returns how many.
     */
    public int pruneQueueMarks(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("delete from queue_marks where updated_at < :before")
                .bind("before", ts(before)).execute());
    }

    public Optional<InboxEntry> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("select * from inbox where id=:id").bind("id", id)
                .map((rs, c) -> map(rs)).findOne());
    }

    private static InboxEntry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InboxEntry(rs.getString("id"), rs.getString("source"), rs.getString("dedup_key"),
                rs.getString("space_id"), rs.getString("integration_id"), rs.getString("event_type"),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "applied_at"));
    }
}
