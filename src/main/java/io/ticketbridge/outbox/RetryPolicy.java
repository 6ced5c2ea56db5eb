package io.ticketbridge.outbox;

import java.time.Duration;

/**
 * Exponential backoff (seed 000 defaults: 3 retries, 1 s initial, ×2, 30 s max). A Retry-After from
 * the vendor replaces the computed delay, capped so a hostile header cannot park a job forever.
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay,
                          Duration maxRetryAfter) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /** Attempts including the first one. */
    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** Delay before the attempt that follows failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
