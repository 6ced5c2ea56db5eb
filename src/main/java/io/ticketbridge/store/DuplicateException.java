package io.ticketbridge.store;

/** A name or key another record holds already: the API answers it as a 409 with this message. */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String message) {
        super(message, null, false, false);
    }
}
