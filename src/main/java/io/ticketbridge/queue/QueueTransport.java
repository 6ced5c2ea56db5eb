package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where inbound messages come from: the SQS FIFO queue ({@link SqsQueueTransport}) or the bridge's HTTP
 * queue API. Both feed the same {@link BatchProcessor}; they differ only in how a batch is read and
 * deleted, and in what they can tell about the queue.
 */
public interface QueueTransport extends AutoCloseable {

    /** Up to {@code max} (1-10) messages; may block up to {@code waitSeconds} (long polling) when supported. */
    List<QueueMessage> receive(int max, int waitSeconds);

    /** Deletes by receipt handle; returns the messages that could not be deleted (they will come back). */
    List<QueueMessage> delete(List<QueueMessage> messages);

    /** Keeps in-flight messages invisible for {@code seconds} more; false when the transport cannot. */
    default boolean extendVisibility(List<QueueMessage> messages, int seconds) {
        return false;
    }

    /** Approximate number of visible messages, when the transport can tell. */
    default OptionalLong depth() {
        return OptionalLong.empty();
    }

    /** sqs or http, for logs and health. */
    String kind();

    @Override
    default void close() {
    }
}
