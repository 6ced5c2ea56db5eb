package io.ticketbridge.model;

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

    /** The message attributes Ensono's bridge sets: the transaction type and whether our number is known. */
    public static final String TRANSACTION_TYPE = "TransactionType";
    public static final String CLIENT_REFERENCE_AVAILABLE = "ClientReferenceAvailable";


    /** Per-group order: SentTimestamp, then SequenceNumber (a large integer as text) breaks ties. */
    public static final Comparator<QueueMessage> ORDER = Comparator.comparingLong(QueueMessage::sentTimestamp)
            .thenComparing(QueueMessage::sequence);

    /**
     * Inbox dedup key: the group and the deduplication id (the same for a redelivery and for a re-send, which
     * SQS FIFO only ever delivers in the same group), else the message id. The group leads so that a batch's
     * keys sit together in the inbox's dedup index: random deduplication ids alone put every message's key
     * on a page of its own, and each commit rewrote one index page per message.
     */
    public String dedupKey() {
        if (isBlank(deduplicationId)) {
            return "mid:" + messageId;
        }
        return isBlank(groupId) ? "dd:" + deduplicationId : "gd:" + groupId + "|" + deduplicationId;
    }

    /**
     * The key a message grouped by {@link #dedupKey} had before keys were scoped to the group (null: the
     * same as {@link #dedupKey}): an inbox written by an earlier version holds these.
     */
    public String legacyDedupKey() {
        return isBlank(deduplicationId) || isBlank(groupId) ? null : "dd:" + deduplicationId;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The deduplication id inside a {@link #dedupKey} of a message of this group (null: none). */
    public static String deduplicationId(String dedupKey, String groupId) {
        if (dedupKey.startsWith("dd:")) {
            return dedupKey.substring(3);
        }
        String prefix = "gd:" + groupId + "|";
        return dedupKey.startsWith(prefix) ? dedupKey.substring(prefix.length()) : null;
    }

    public BigInteger sequence() {
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
