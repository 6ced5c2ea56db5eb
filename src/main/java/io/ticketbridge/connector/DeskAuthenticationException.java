package io.ticketbridge.connector;

import io.ticketbridge.connector.DeskException;

/** 401/403 from the outside system: credentials are wrong or lack permission. Not retried. */
public final class DeskAuthenticationException extends DeskException {
    public DeskAuthenticationException(String message, int statusCode) {
        super(message, statusCode, null);
    }
}
