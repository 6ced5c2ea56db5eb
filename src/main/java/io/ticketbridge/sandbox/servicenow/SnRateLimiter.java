package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.TokenBucketLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-user inbound rate limit (external-apis.md 2.6) as a token bucket: exact at high rates, cheap under
 * concurrency. Over the budget: 429 with the documented body; the timing headers depend on
 * {@link RateLimitHeaders}. Changeable at runtime.
 */
final class SnRateLimiter {

    /** The sys_id of the simulated {@code sys_rate_limit_rules} row, sent in {@code X-RateLimit-Rule}. */
    static final String RULE_SYS_ID = "0b5b2a5f1b3f3010a8a2ba1b1d4bcb7e";

    private final TokenBucketLimiter buckets;
    private volatile int requests;
    private volatile Duration window;
    private volatile RateLimitHeaders mode;

    SnRateLimiter(Clock clock, ServiceNowSettings settings) {
        buckets = new TokenBucketLimiter(clock);
        configure(settings.rateLimitRequests, settings.rateLimitWindow, settings.rateLimitBurst);
        mode = settings.rateLimitHeaders;
    }

    synchronized void configure(int requests, Duration window, int burst) {
        buckets.configure(requests, window, burst);
        this.requests = requests;
        this.window = window;
    }

    void headers(RateLimitHeaders mode) {
        this.mode = mode;
    }

    /** Headers for the response of an allowed call; throws the 429 otherwise. */
    Map<String, String> check(Actor actor, String api) {
        TokenBucketLimiter.Decision decision = buckets.tryAcquire(actor.userName());
        if (!buckets.enabled()) {
            return Map.of();
        }
        long resetSeconds = (decision.nowMillis() + decision.waitMillis() + 999) / 1000;
        Map<String, String> headers = new LinkedHashMap<>();
        if (mode == RateLimitHeaders.FULL) {
            headers.put("X-RateLimit-Limit", Integer.toString(requests));
            headers.put("X-RateLimit-Reset", Long.toString(resetSeconds));
            headers.put("X-RateLimit-Rule", RULE_SYS_ID);
        }
        if (decision.allowed()) {
            return headers;
        }
        if (mode == RateLimitHeaders.FULL) {
            headers.put("Retry-After", Long.toString(Math.max(1, (decision.waitMillis() + 999) / 1000)));
        } else if (mode == RateLimitHeaders.RESET_ONLY) {
            headers.put("X-RateLimit-Reset", Long.toString(resetSeconds));
        }
        throw SnError.rateLimited("Rate limit of " + requests + " requests per " + per(window) + " for " + api
                + " exceeded", headers);
    }

    private static String per(Duration window) {
        if (window.equals(Duration.ofHours(1))) {
            return "hour";
        }
        if (window.equals(Duration.ofMinutes(1))) {
            return "minute";
        }
        return window.equals(Duration.ofSeconds(1)) ? "second" : window.toMillis() + " ms";
    }
}
