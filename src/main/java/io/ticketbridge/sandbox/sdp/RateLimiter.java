package io.ticketbridge.sandbox.sdp;

import java.time.Clock;

/**
 * Fixed one-second window limiter. A fixed window (rather than a token bucket) lets a burst of exactly
 * {@code limit} calls through and rejects the next one, which is what tests want to assert.
 */
final class RateLimiter {

    private final Clock clock;
    private int limitPerSecond;
    private long windowStart = Long.MIN_VALUE;
    private int used;

    RateLimiter(Clock clock, int limitPerSecond) {
        this.clock = clock;
        this.limitPerSecond = limitPerSecond;
    }

    synchronized void limit(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate limit must be >= 0: " + perSecond);
        }
        limitPerSecond = perSecond;
        used = 0;
    }

    /** Counts the call; over the limit it throws the 429 with the whole seconds left in the window (at least 1). */
    synchronized void acquire() {
        if (limitPerSecond == 0) {
            return;
        }
        long now = clock.millis();
        long window = Math.floorDiv(now, 1000L) * 1000L;
        if (window != windowStart) {
            windowStart = window;
            used = 0;
        }
        if (used >= limitPerSecond) {
            long remainingMillis = windowStart + 1000L - now;
            throw SdpApiException.rateLimited(Math.max(1L, (remainingMillis + 999L) / 1000L));
        }
        used++;
    }
}
