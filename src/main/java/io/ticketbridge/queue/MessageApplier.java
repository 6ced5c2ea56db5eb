package io.ticketbridge.queue;

import org.jdbi.v3.core.Handle;

/**
 * Applies one queue message to the hub store inside the caller's transaction (the same transaction
 * that records the message in the inbox). Throwing rolls everything back and counts as a failed
 * attempt.
 */
@FunctionalInterface
public interface MessageApplier {

    enum Outcome { APPLIED, SKIPPED }

    /** The outcome and a short note for the inbox (why it was skipped, what it changed). */
    record Result(Outcome outcome, String note) {
        public static Result applied(String note) {
            return new Result(Outcome.APPLIED, note);
        }

        public static Result skipped(String note) {
            return new Result(Outcome.SKIPPED, note);
        }
    }

    Result apply(Handle h, QueueMessage message);
}
