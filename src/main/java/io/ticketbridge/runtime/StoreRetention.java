package io.ticketbridge.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.ticketbridge.store.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbox (the record of every webhook event and queue message taken in, which makes a
 * redelivery a no-op) from growing for ever: the records of applied and skipped events older than the
 * retention are deleted, and so are the marks of queue message groups with nothing taken in for that long.
 * The default, 15 days, outlasts SQS's longest message retention (14 days), so no
 * redelivery can outlive its record; received and failed records stay while they are due. Run by the
 * route {@code routes/store-retention.camel.yaml}.
 */
public final class StoreRetention {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetention.class);
    public static final int SLICE = 1_000;
    /** A run stops after this long (the next run goes on): deletes are slices, each its own transaction. */
    static final Duration MAX_RUN = Duration.ofMinutes(10);

    private final InboxStore inbox;
    private final Duration retention;
    private final Clock clock;

    public StoreRetention(InboxStore inbox, Duration retention, Clock clock) {
        this.inbox = inbox;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes what is past the retention; returns how many inbox records went (0 when retention is off). */
    public int run() {
        if (retention.isZero() || retention.isNegative()) {
            return 0;
        }
        Instant before = clock.instant().minus(retention);
        long deadline = System.nanoTime() + MAX_RUN.toNanos();
        int deleted = 0;
        int n;
        do {
            n = inbox.prune(before, SLICE);
            deleted += n;
        } while (n == SLICE && System.nanoTime() < deadline);
        int marks = inbox.pruneQueueMarks(before);
        if (marks > 0) {
            LOG.info("Store retention: deleted the marks of {} queue message group(s) idle since {}", marks, before);
        }
        if (deleted > 0) {
            LOG.info("Store retention: deleted {} inbox record(s) of events applied or skipped before {}", deleted,
                    before);
        }
        return deleted;
    }
}
