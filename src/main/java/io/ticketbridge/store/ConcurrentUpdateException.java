package io.ticketbridge.store;

/** Optimistic concurrency: the row changed between read and write. Answered 409. */
public final class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
