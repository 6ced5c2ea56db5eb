package io.ticketbridge.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-space API limits (seed 000: 60/min, 1000/h, 10000/day, then blocked for 300 s). Windows are
 * Bucket4j buckets refilled at fixed, aligned intervals, so X-RateLimit-Reset is a real instant.
 * State is per node; several nodes each enforce the limit on their share of the traffic.
 */
public final class RateLimiter {

    public record Limits(int perMinute, int perHour, int perDay, int blockSeconds) {
    }

    public record Decision(boolean allowed, Limits limits, long remaining, long resetEpochSeconds,
                           long retryAfterSeconds) {
    }

    private static final class SpaceState {
        final Limits limits;
        final Bucket bucket;
        final Instant origin;
        volatile Instant blockedUntil;

        SpaceState(Limits limits, Instant origin) {
            this.limits = limits;
            this.origin = origin;
            this.bucket = Bucket.builder()
                    .addLimit(window(limits.perMinute(), Duration.ofMinutes(1), origin))
                    .addLimit(window(limits.perHour(), Duration.ofHours(1), origin))
                    .addLimit(window(limits.perDay(), Duration.ofDays(1), origin))
                    .build();
        }

        boolean blockServed(Instant now) {
            Instant until = blockedUntil;
            return until != null && !now.isBefore(until);
        }

        private static Bandwidth window(int capacity, Duration period, Instant origin) {
            return Bandwidth.builder().capacity(capacity).refillIntervallyAligned(capacity, period, origin).build();
        }
    }

    private final Cache<String, SpaceState> states = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofDays(2)).maximumSize(100_000).build();
    private final List<Consumer<String>> resetListeners = new CopyOnWriteArrayList<>();

    public Decision check(String spaceId, Limits limits) {
        Instant now = Instant.now();
        // a served block is the whole penalty: the space starts again with fresh windows, so Retry-After holds
        SpaceState state = states.asMap().compute(spaceId, (k, existing) ->
                existing != null && existing.limits.equals(limits) && !existing.blockServed(now)
                        ? existing : new SpaceState(limits, now));
        Instant blocked = state.blockedUntil;
        if (blocked != null && now.isBefore(blocked)) {
            return new Decision(false, limits, 0, blocked.getEpochSecond(), secondsUntil(now, blocked));
        }
        ConsumptionProbe probe = state.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, limits, probe.getRemainingTokens(), nextMinuteWindow(state.origin, now), 0);
        }
        if (limits.blockSeconds() <= 0) {
            // no block: refused until the exhausted window refills
            long wait = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            return new Decision(false, limits, 0, now.plusSeconds(wait).getEpochSecond(), wait);
        }
        Instant until = now.plusSeconds(limits.blockSeconds());
        state.blockedUntil = until;
        return new Decision(false, limits, 0, until.getEpochSecond(), limits.blockSeconds());
    }

    /** Called with the space id on every reset, so whoever caches that space's limits can drop them. */
    public void onReset(Consumer<String> listener) {
        resetListeners.add(listener);
    }

    /** Lifts a block and restarts the windows (operator action, or after a limit change). */
    public void reset(String spaceId) {
        resetListeners.forEach(l -> l.accept(spaceId));
        states.invalidate(spaceId);
    }

    private static long nextMinuteWindow(Instant origin, Instant now) {
        long elapsed = Duration.between(origin, now).toMillis();
        long windows = elapsed / 60_000 + 1;
        return origin.plusMillis(windows * 60_000).getEpochSecond();
    }

    private static long secondsUntil(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }
}
