package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import java.util.List;

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

    /**
     * How many of {@code messages} (consecutive, in group order, none applied yet), counted from the
     * first, this applier can apply together with {@link #applyBulk}; below 2 means one at a time.
     */
    default int bulkRun(List<QueueMessage> messages) {
        return 1;
    }

    /**
     * Applies a run found by {@link #bulkRun} in the caller's transaction, all or nothing: one result
     * per message, in order. On a throw the caller rolls the whole run back and applies its messages
     * one at a time, so a failure is pinned to its own message.
     */
    default List<Result> applyBulk(Handle h, List<QueueMessage> run) {
        throw new UnsupportedOperationException("no bulk apply");
    }

    /** Told after the caller rolled back work of this applier: forget anything remembered from it. */
    default void rolledBack() {
    }

    /**
     * Called with a batch's messages that are about to be applied, before its transaction and outside the
     * store's write lock: slow remote reads the apply will need (an attachment's file) are done here, so
     * they hold up neither the transaction nor the other batches. A failure here must not throw: the apply
     * decides. What is kept is dropped in {@link #release}.
     */
    default void prefetch(List<QueueMessage> messages) {
    }

    /** The batch of {@link #prefetch} is done (applied or not): drop what was kept for it. */
    default void release(List<QueueMessage> messages) {
    }
}
