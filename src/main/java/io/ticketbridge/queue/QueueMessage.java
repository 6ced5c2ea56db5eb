package io.ticketbridge.queue;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Map;

/**
 * One message read from the inbound FIFO queue, whichever transport read it. {@code body} is the
 * ticket JSON as text; {@code transactionType} and {@code clientReferenceAvailable} are the bridge's
 * custom keys (inside {@code Attributes} on the HTTP queue API, message attributes on SQS).
 */
public record QueueMessage(String messageId, String receiptHandle, String groupId, long sentTimestamp,
                           String sequenceNumber, String deduplicationId, int receiveCount, String transactionType,
                           Boolean clientReferenceAvailable, String body, Map<String, String> attributes) {

    /** Per-group order: SentTimestamp, then SequenceNumber (a large integer as text) breaks ties. */
    public static final Comparator<QueueMessage> ORDER = Comparator.comparingLong(QueueMessage::sentTimestamp)
            .thenComparing(QueueMessage::sequence);

    /** Inbox dedup key: the deduplication id (same for a redelivery and for a re-send), else the message id. */
    public String dedupKey() {
        return deduplicationId != null && !deduplicationId.isBlank() ? "dd:" + deduplicationId : "mid:" + messageId;
    }

    BigInteger sequence() {
        try {
            return sequenceNumber == null ? BigInteger.ZERO : new BigInteger(sequenceNumber.trim());
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }

    public QueueMessage withReceipt(String handle, int count) {
        return new QueueMessage(messageId, handle, groupId, sentTimestamp, sequenceNumber, deduplicationId, count,
                transactionType, clientReferenceAvailable, body, attributes);
    }
}
