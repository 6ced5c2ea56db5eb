package io.ticketbridge.connector;

import io.ticketbridge.connector.DeskException;

import java.time.Duration;
import java.util.Optional;

/** 429, retryable 5xx, timeouts and I/O failures: try again later (after Retry-After if given). */
public final class DeskUnavailableException extends DeskException {

    private final Duration retryAfter;

    public DeskUnavailableException(String message, int statusCode, Duration retryAfter, Throwable cause) {
        super(message, statusCode, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
