package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Writes Ensono-side transactions to the client's FIFO queue the way the bridge does: group = Ensono
 * ticket number, a fresh deduplication id per transaction, and the transaction type and client-reference
 * flag as String message attributes (the queue API later lifts them into {@code Attributes}).
 */
final class TransactionPublisher {

    static final String TRANSACTION_TYPE = "TransactionType";
    static final String CLIENT_REFERENCE_AVAILABLE = "ClientReferenceAvailable";
    /** SQS SendMessageBatch limit. */
    static final int BATCH_SIZE = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    TransactionPublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    String queueUrl() {
        return queueUrl;
    }

    /** Publishes a transaction about {@code ticket}; the caller holds the ticket's monitor. */
    void publishFor(JsonNode ticket, String transactionType, JsonNode body) {
        boolean clientRefAvailable = !ticket.path("clientTicketNumber").asText("").isEmpty();
        publish(new RawTransaction(ticket.path("ticketNumber").asText(), transactionType, clientRefAvailable,
                Json.write(body)));
    }

    void publish(RawTransaction tx) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageGroupId(tx.groupId())
                .messageDeduplicationId(deduplicationId())
                .messageAttributes(attributes(tx))
                .messageBody(tx.bodyJson()));
    }

    /** Sends in SendMessageBatch calls of ten; fails if SQS rejects any entry. */
    void publishBatch(List<RawTransaction> transactions) {
        for (int from = 0; from < transactions.size(); from += BATCH_SIZE) {
            List<RawTransaction> chunk = transactions.subList(from, Math.min(from + BATCH_SIZE, transactions.size()));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                RawTransaction tx = chunk.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageGroupId(tx.groupId())
                        .messageDeduplicationId(deduplicationId())
                        .messageAttributes(attributes(tx))
                        .messageBody(tx.bodyJson())
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch rejected entries: " + response.failed());
            }
        }
    }

    private static Map<String, MessageAttributeValue> attributes(RawTransaction tx) {
        return Map.of(
                TRANSACTION_TYPE, stringAttribute(tx.transactionType()),
                CLIENT_REFERENCE_AVAILABLE, stringAttribute(Boolean.toString(tx.clientRefAvailable())));
    }

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** 64 hex chars like the bridge's ids; random so identical bodies are never dropped as duplicates. */
    private static String deduplicationId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
