package io.ticketbridge.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ticketbridge.store.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejected authentication (API keys, webhook secrets) as a signal, not a row per request: within a
 * window, the first rejection of each (source, reason) is audited as a sample with its correlation id,
 * the rest are only counted, and the window's count is audited once when it closes. An
 * unauthenticated flood therefore writes at most two rows per (source, reason) and window, and at
 * most {@link #MAX_KEYS} keys per window (further ones are counted under one "other" key).
 */
public final class AuthFailures implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);
    static final int MAX_KEYS = 50;
    static final String OTHER = "other";

    /** One rejected call: where it came from, why, and what it asked for. */
    public record Rejection(String source, String reason, String method, String path, int status,
                            String resourceType, String resourceId) {
    }

    private record Key(String source, String reason) {
    }

    private static final class Tally {
        final AtomicLong count = new AtomicLong();
        final Instant firstAt;
        final Rejection sample;

        Tally(Instant firstAt, Rejection sample) {
            this.firstAt = firstAt;
            this.sample = sample;
        }
    }

    private final AuditStore audit;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile Map<Key, Tally> window = new ConcurrentHashMap<>();
    private volatile Instant windowStart;

    public AuthFailures(AuditStore audit, Duration windowLength, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.windowStart = clock.instant();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "auth-failures");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, windowLength.toMillis());
        timer.scheduleAtFixedRate(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Counts a rejection; audits it as the window's sample when it is the first of its source and reason. */
    public void record(Rejection r) {
        Map<Key, Tally> current = window;
        Key key = new Key(r.source(), r.reason());
        if (!current.containsKey(key) && current.size() >= MAX_KEYS) {
            key = new Key(OTHER, OTHER);
        }
        boolean[] first = {false};
        Tally tally = current.computeIfAbsent(key, k -> {
            first[0] = true;
            return new Tally(clock.instant(), r);
        });
        tally.count.incrementAndGet();
        if (first[0]) {
            LOG.warn("Rejected {} {} from {}: {} (further rejections of this source and reason are counted)",
                    r.method(), r.path(), r.source(), r.reason());
            write(r, "sample", 1, tally.firstAt, null);
        }
    }

    /** Closes the window: one row with the count of each (source, reason) that was rejected more than once. */
    public synchronized void flush() {
        Map<Key, Tally> closed = window;
        Instant start = windowStart;
        window = new ConcurrentHashMap<>();
        windowStart = clock.instant();
        try {
            closed.forEach((k, t) -> {
                long n = t.count.get();
                if (n > 1) {
                    LOG.warn("{} rejected calls from {} since {}: {}", n, k.source(), start, k.reason());
                    write(OTHER.equals(k.source()) ? new Rejection(OTHER, "more sources than counted one by one",
                            t.sample.method(), t.sample.path(), t.sample.status(), null, null) : t.sample,
                            "count", n, start, windowStart);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Could not audit the rejected calls of the last window", e);
        }
    }

    private void write(Rejection r, String kind, long count, Instant from, Instant to) {
        try {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", kind);
            detail.put("source", r.source());
            detail.put("reason", r.reason());
            detail.put("count", count);
            detail.put("window_start", from.toString());
            if (to != null) {
                detail.put("window_end", to.toString());
            }
            detail.put("sample", Map.of("method", r.method(), "path", r.path()));
            audit.record(null, null, "AUTH rejected", r.resourceType() == null ? "auth" : r.resourceType(),
                    r.resourceId(), "denied", r.status(), detail);
        } catch (RuntimeException e) {
            LOG.error("Could not audit a rejected call", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
