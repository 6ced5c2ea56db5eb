package io.ticketbridge.sandbox.servicenow;

/**
 * Which timing headers the rate limiter sends (connectors.md 6.6: all three occur on real instances, and Port's
 * integration was caught out by the last).
 */
public enum RateLimitHeaders {
    /**
     * As documented: {@code X-RateLimit-Limit}, {@code X-RateLimit-Reset} (UNIX seconds) and {@code X-RateLimit-Rule}
     * on every response of a limited user, plus {@code Retry-After} (seconds) on the 429. There is no
     * {@code X-RateLimit-Remaining} on ServiceNow: a client must count itself.
     */
    FULL,
    /** Only {@code X-RateLimit-Reset}, and only on the 429. */
    RESET_ONLY,
    /** A 429 with the error body and no timing header at all (semaphore-style refusals in large syncs). */
    NONE
}
