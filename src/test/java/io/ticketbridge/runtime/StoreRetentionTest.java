package io.ticketbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.ticketbridge.model.Ids;
import io.ticketbridge.store.Hub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/**
 * The inbox does not grow for ever: records of applied and skipped events older than the retention are
 * deleted; recent ones, and received or failed ones of any age (still due), stay. So do the marks of queue
 * message groups idle for longer than the retention. The same check runs on
 * PostgreSQL in PostgresMigrationTest.
 */
public class StoreRetentionTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void oldAppliedAndSkippedInboxRecordsAreDeletedAndTheRestStay() {
        try (TestRuntime rt = TestRuntime.start()) {
            assertPrunes(rt.hub(), "h2");
            // the route that runs it every hour is loaded
            assertThat(rt.context().getRoute("store-retention")).isNotNull();
        }
    }

    @Test
    void zeroDaysKeepsEverything() {
        try (TestRuntime rt = TestRuntime.start()) {
            insert(rt.hub(), "zero", "applied", NOW.minus(Duration.ofDays(400)));
            assertThat(new StoreRetention(rt.hub().inbox, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC)).run())
                    .isZero();
            assertThat(keys(rt.hub(), "zero")).containsExactly("zero-applied");
        }
    }

    /** Seeds one source's inbox with records of every status, old and new, prunes, checks what is left. */
    public static void assertPrunes(Hub hub, String source) {
        Instant old = NOW.minus(Duration.ofDays(16));
        Instant recent = NOW.minus(Duration.ofDays(14));
        for (String status : List.of("applied", "skipped", "received", "failed")) {
            insert(hub, source, status, old);
            insert(hub, source, status + "-recent", recent);
        }
        // enough old applied ones to take more than one slice
        for (int i = 0; i < StoreRetention.SLICE + 5; i++) {
            insert(hub, source, "applied#" + i, old);
        }
        // queue groups' marks: one group idle for longer than the retention, one not
        insertMark(hub, source, "idle-group", old);
        insertMark(hub, source, "busy-group", recent);
        StoreRetention retention = new StoreRetention(hub.inbox, Duration.ofDays(15), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(retention.run()).isEqualTo(StoreRetention.SLICE + 5 + 2);
        List<String> marks = hub.jdbi.withHandle(h -> h.createQuery("select group_id from queue_marks where"
                + " source=:src").bind("src", source).mapTo(String.class).list());
        assertThat(marks).containsExactly("busy-group");
        assertThat(keys(hub, source)).containsExactlyInAnyOrder(source + "-received", source + "-failed",
                source + "-applied-recent", source + "-skipped-recent", source + "-received-recent",
                source + "-failed-recent");
        assertThat(retention.run()).isZero();
    }

    static void insertMark(Hub hub, String source, String group, Instant updatedAt) {
        hub.jdbi.useHandle(h -> h.createUpdate("insert into queue_marks (source, group_id, sent_at, seq, applied,"
                        + " updated_at) values (:src, :g, 1, '1', 1, :at)")
                .bind("src", source).bind("g", group).bind("at", Timestamp.from(updatedAt)).execute());
    }

    /** A record whose status is the part of {@code what} before any '-' or '#'. */
    static void insert(Hub hub, String source, String what, Instant createdAt) {
        String status = what.split("[-#]")[0];
        hub.jdbi.useHandle(h -> h.createUpdate("insert into inbox (id, source, dedup_key, payload, status, attempts,"
                        + " created_at) values (:id, :src, :k, '{}', :st, 1, :at)")
                .bind("id", Ids.newId()).bind("src", source).bind("k", source + "-" + what).bind("st", status)
                .bind("at", Timestamp.from(createdAt)).execute());
    }

    static List<String> keys(Hub hub, String source) {
        return hub.jdbi.withHandle(h -> h.createQuery("select dedup_key from inbox where source = :src")
                .bind("src", source).mapTo(String.class).list());
    }
}
