package io.ticketbridge.component.servicenow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.component.support.RetryAfter;

/**
 * One pause per integration after a 429, shared by every producer, route and thread that calls that
 * integration (the component owns it): while it lasts, calls are refused before they are sent, with
 * the time left as Retry-After, so the outbox retries later instead of a caller sleeping. The pause
 * comes from Retry-After, else X-RateLimit-Reset (UNIX seconds), else (ServiceNow also answers 429
 * without timing headers when its concurrent-transaction semaphores are full) a back-off of 1 s
 * doubling per consecutive header-less 429 up to 30 min, reset by the next success.
 */
final class ServiceNowRateLimits {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private record State(Instant until, int headerless) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Supplier<Instant> now;

    ServiceNowRateLimits(Supplier<Instant> now) {
        this.now = now;
    }

    /** The pause still ahead for this integration, if any. */
    Optional<Duration> pauseLeft(String integrationId) {
        State s = states.get(integrationId);
        if (s == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now.get(), s.until());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a 429 and returns how long every caller of this integration now waits. */
    Duration tooManyRequests(String integrationId, DeskHttpClient.Response response) {
        Instant at = now.get();
        Duration retryAfter = response.header("Retry-After").map(v -> RetryAfter.parse(v, at)).orElse(null);
        Duration reset = response.header("X-RateLimit-Reset").map(v -> untilReset(v, at)).orElse(null);
        State updated = states.compute(integrationId, (k, old) -> {
            int headerless = old == null ? 0 : old.headerless();
            Duration pause;
            if (retryAfter != null) {
                pause = retryAfter;
            } else if (reset != null) {
                pause = reset;
            } else {
                pause = backoff(headerless);
                headerless++;
            }
            Instant until = at.plus(pause.isZero() ? FIRST_BACKOFF : pause);
            // never shorten a pause another caller already learned about
            if (old != null && old.until().isAfter(until)) {
                until = old.until();
            }
            return new State(until, headerless);
        });
        return Duration.between(at, updated.until());
    }

    /** A call went through: header-less back-off starts from 1 s again. */
    void succeeded(String integrationId) {
        states.computeIfPresent(integrationId, (k, s) -> s.headerless() == 0 ? s : new State(s.until(), 0));
    }

    static Duration backoff(int previousHeaderless) {
        if (previousHeaderless >= 20) {
            return MAX_BACKOFF;
        }
        Duration d = FIRST_BACKOFF.multipliedBy(1L << previousHeaderless);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private static Duration untilReset(String value, Instant at) {
        try {
            Instant reset = Instant.ofEpochSecond(Long.parseLong(value.trim()));
            Duration d = Duration.between(at, reset);
            return d.isNegative() || d.isZero() ? FIRST_BACKOFF : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
