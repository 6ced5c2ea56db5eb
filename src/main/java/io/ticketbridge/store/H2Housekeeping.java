package io.ticketbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Space reuse for the embedded store when commits are written synchronously (WRITE_DELAY=0).
 *
 * <p>H2 writes each commit as a new chunk at the end of the file and reuses a chunk's space only once
 * none of its pages is live any more. Pages that stay live (B-tree leaves nobody touches again) pin
 * their chunks, so H2's background writer rewrites sparse chunks from time to time. That thread runs
 * only with a write delay: with WRITE_DELAY=0 nothing rewrites, and the file grows by about every
 * commit's size for ever (a probe of 200,000 small commits left a 20 GB file for 0.4 GB of rows).
 * This task does the rewrite in its place: every few seconds it asks H2 to rewrite the live pages of
 * chunks whose live share is below the target fill rate (H2's own {@code MVStore.compact}, under H2's
 * store lock), so their space is freed once H2's retention time (45 s) has passed and later commits reuse
 * it. A lower target rewrites less (less work under load) and leaves more free space in the file.
 */
final class H2Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);

    private final DataSource dataSource;
    private volatile MVStore store;
    private final int targetFillRate;
    private final int writeLimitBytes;
    private final ScheduledExecutorService timer;

    private H2Housekeeping(DataSource dataSource, MVStore store, long periodMs, int targetFillRate,
                           int writeLimitBytes) {
        this.dataSource = dataSource;
        this.store = store;
        this.targetFillRate = targetFillRate;
        this.writeLimitBytes = writeLimitBytes;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-housekeeping");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runOnce, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the task when the data source is an embedded H2 file store that writes each commit at once
     * (no write delay, so no H2 background writer); otherwise returns null.
     */
    static H2Housekeeping startIfNeeded(DataSource dataSource, long periodMs, int targetFillRate,
                                        int writeLimitBytes) {
        MVStore store = mvStore(dataSource);
        if (store == null || store.getFileStore() == null || store.getAutoCommitDelay() > 0 || periodMs <= 0) {
            return null;
        }
        LOG.debug("H2 store housekeeping every {} ms (no write delay, so no H2 background writer)", periodMs);
        return new H2Housekeeping(dataSource, store, periodMs, targetFillRate, writeLimitBytes);
    }

    private static MVStore mvStore(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            if (c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                    && session.getDatabase().getStore() != null) {
                return session.getDatabase().getStore().getMvStore();
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("No H2 store housekeeping: {}", e.toString());
            return null;
        }
    }

    /** One pass: rewrite the live pages of sparse chunks, up to the write limit. */
    boolean runOnce() {
        try {
            MVStore s = store;
            if (s.isClosed()) {
                // H2 closed the database (its last connection went) and opened it again: follow it
                MVStore reopened = mvStore(dataSource);
                if (reopened == null || reopened.isClosed()) {
                    return false;
                }
                store = s = reopened;
            }
            return s.compact(targetFillRate, writeLimitBytes);
        } catch (RuntimeException e) {
            // the store may be closing; the next pass tries again
            LOG.debug("H2 store housekeeping pass failed: {}", e.toString());
            return false;
        }
    }

    MVStore store() {
        return store;
    }

    /** The file's size and how much of it is live data, for the health details. */
    java.util.Map<String, Object> details() {
        MVStore s = store;
        try {
            if (s.isClosed() || s.getFileStore() == null) {
                return java.util.Map.of();
            }
            return java.util.Map.of("file_bytes", s.getFileStore().size(), "fill_rate_percent", s.getFillRate());
        } catch (RuntimeException e) {
            // closing meanwhile: nothing to say
            return java.util.Map.of();
        }
    }

    @Override
    public void close() {
        // no interrupt: a pass interrupted in the middle of a file write would close H2's file channel
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
