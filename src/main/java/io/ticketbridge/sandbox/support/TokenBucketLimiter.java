package io.ticketbridge.sandbox.support;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a user, a client): {@code requests} per {@code window}, refilled continuously, holding
 * at most {@code burst} tokens. Continuous refill makes the pace exact at any rate (a client held to 20/s gets a
 * token every 50 ms), and a small burst stops a client from passing a long run with one early burst. Rejected
 * calls do not use a token. One lock per key keeps concurrent users from contending.
 */
public final class TokenBucketLimiter {

    /**
     * The outcome of one {@link #tryAcquire}: whether it may pass, how long until a token is free (0 when one is
     * left after this call), and the clock reading the decision was made at.
     */
    public record Decision(boolean allowed, long waitMillis, long nowMillis) {
    }

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile double perMilli;
    private volatile double burst;

    public TokenBucketLimiter(Clock clock) {
        this.clock = clock;
    }

    /** {@code requests} per {@code window} with a bucket of {@code burst} tokens; 0 requests switches it off. */
    public void configure(int requests, Duration window, int burst) {
        if (requests < 0 || burst < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("need requests >= 0, burst >= 1 and a positive window");
        }
        this.perMilli = requests / (double) window.toMillis();
        this.burst = burst;
        buckets.clear();
    }

    public boolean enabled() {
        return perMilli > 0;
    }

    public Decision tryAcquire(String key) {
        long now = clock.millis();
        if (!enabled()) {
            return new Decision(true, 0, now);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(now, burst)).take(now, perMilli, burst);
    }

    /** Forgets every key's usage: all buckets start full again. */
    public void reset() {
        buckets.clear();
    }

    private static final class Bucket {
        private long lastMillis;
        private double tokens;

        Bucket(long now, double tokens) {
            this.lastMillis = now;
            this.tokens = tokens;
        }

        synchronized Decision take(long now, double perMilli, double burst) {
            if (now > lastMillis) {
                tokens = Math.min(burst, tokens + (now - lastMillis) * perMilli);
                lastMillis = now;
            }
            boolean allowed = tokens >= 1.0;
            if (allowed) {
                tokens -= 1.0;
            }
            long wait = tokens >= 1.0 ? 0 : Math.max(1, (long) Math.ceil((1.0 - tokens) / perMilli));
            return new Decision(allowed, wait, now);
        }
    }
}
