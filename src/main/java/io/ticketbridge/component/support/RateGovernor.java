package io.ticketbridge.component.support;

import io.ticketbridge.connector.DeskUnavailableException;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Keeps outbound calls under each integration's request rate: callers block until a token is free,
 * so a bulk push paces itself instead of collecting 429s. Rate 0 or less means unpaced.
 */
public final class RateGovernor {

    private record Paced(double rate, Bucket bucket) {
    }

    private final Cache<String, Paced> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();

    public void acquire(String key, double requestsPerSecond) {
        if (key == null || requestsPerSecond <= 0) {
            return;
        }
        Paced paced = buckets.asMap().compute(key, (k, existing) ->
                existing != null && existing.rate() == requestsPerSecond ? existing : create(requestsPerSecond));
        try {
            paced.bucket().asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeskUnavailableException("Interrupted while pacing calls", 0, null, e);
        }
    }

    private static Paced create(double rate) {
        // one-second capacity spread evenly: no burst above the vendor's per-second limit
        long periodNanos = (long) (1_000_000_000L / rate);
        Bandwidth bw = Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(Math.max(1, periodNanos))).build();
        return new Paced(rate, Bucket.builder().addLimit(bw).build());
    }
}
