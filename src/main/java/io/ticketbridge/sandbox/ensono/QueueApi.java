package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The bridge's HTTP face of the client's SQS FIFO queue: {@code GET /queue} and
 * {@code DELETE /queue/{receiptHandle}}, in the guide's query-protocol JSON wrapping.
 */
final class QueueApi {

    /** Order of the guide's sample, so logs read the same as the documentation. */
    private static final List<String> ATTRIBUTE_ORDER = List.of(
            "SenderId", "ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SentTimestamp",
            "SequenceNumber", "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader");
    private static final int MAX_MESSAGES = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    QueueApi(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** One receive of up to ten messages; visibility is the queue's own (30 s on Ensono's queues). */
    SimResponse read() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds(0)
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
        ObjectNode root = Json.object();
        ObjectNode response = root.putObject("ReceiveMessageResponse");
        response.putObject("ResponseMetadata").put("RequestId", UUID.randomUUID().toString());
        ArrayNode list = response.putObject("ReceiveMessageResult").putArray("messages");
        for (Message message : messages) {
            list.add(wrap(message));
        }
        return SimResponse.json(200, root);
    }

    /**
     * @param rawHandle the path remainder exactly as sent. It is form-decoded, so a handle that was not
     *                  URL-encoded has its {@code +} turned into spaces and is rejected - the failure the
     *                  guide warns about.
     */
    SimResponse delete(String rawHandle) {
        String requestId = UUID.randomUUID().toString();
        String handle;
        try {
            handle = URLDecoder.decode(rawHandle, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return invalidHandle(rawHandle, requestId);
        }
        String sqsHandle = ReceiptHandles.toSqs(handle).orElse(null);
        if (sqsHandle == null) {
            return invalidHandle(handle, requestId);
        }
        try {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(sqsHandle));
        } catch (ReceiptHandleIsInvalidException e) {
            return invalidHandle(handle, requestId);
        } catch (SqsException e) {
            String code = e.awsErrorDetails() == null ? "InternalError" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            return BridgeErrors.sqsError(code, message, requestId);
        }
        ObjectNode root = Json.object();
        root.putObject("DeleteMessageResponse").putObject("ResponseMetadata").put("RequestId", requestId);
        return SimResponse.json(200, root);
    }

    private static ObjectNode wrap(Message message) {
        ObjectNode node = Json.object();
        node.put("MessageId", message.messageId());
        node.put("ReceiptHandle", ReceiptHandles.toBridge(message.receiptHandle()));
        node.put("MD5OfBody", message.md5OfBody());
        node.set("Body", bodyOf(message.body()));
        ObjectNode attributes = node.putObject("Attributes");
        Map<String, String> system = message.attributesAsStrings();
        for (String name : ATTRIBUTE_ORDER) {
            if (system.containsKey(name)) {
                attributes.put(name, system.get(name));
            }
        }
        // The bridge lifts its two custom message attributes into Attributes, the flag as a JSON boolean.
        MessageAttributeValue clientRef = message.messageAttributes().get(TransactionPublisher.CLIENT_REFERENCE_AVAILABLE);
        if (clientRef != null) {
            attributes.put(TransactionPublisher.CLIENT_REFERENCE_AVAILABLE, Boolean.parseBoolean(clientRef.stringValue()));
        }
        MessageAttributeValue type = message.messageAttributes().get(TransactionPublisher.TRANSACTION_TYPE);
        if (type != null) {
            attributes.put(TransactionPublisher.TRANSACTION_TYPE, type.stringValue());
        }
        return node;
    }

    /** The guide's samples embed the ticket JSON as an object; anything unparsable stays a string. */
    private static JsonNode bodyOf(String body) {
        JsonNode parsed = Json.parseLenient(body.getBytes(StandardCharsets.UTF_8));
        return parsed.isMissingNode() ? TextNode.valueOf(body) : parsed;
    }

    private static SimResponse invalidHandle(String handle, String requestId) {
        return BridgeErrors.sqsError("ReceiptHandleIsInvalid",
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.", requestId);
    }
}
