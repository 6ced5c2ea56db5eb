package io.ticketbridge.connector;

import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.DeskUnavailableException;

/**
 * Outcome of a call to an outside system that is not a success. The subtype carries the decision:
 * {@link DeskAuthenticationException} (fix credentials, no retry), {@link DeskUnavailableException}
 * (retry with backoff, honouring Retry-After), {@link DeskRejectedException} (the vendor refused
 * this request; retrying the same request will not help).
 */
public abstract class DeskException extends RuntimeException {

    private final int statusCode;

    protected DeskException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** HTTP status, or 0 when no response arrived (timeout, connection reset). */
    public int statusCode() {
        return statusCode;
    }
}
