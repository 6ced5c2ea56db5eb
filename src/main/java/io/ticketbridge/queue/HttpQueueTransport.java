package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.component.ensono.EnsonoClient;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's HTTP queue API as a transport: {@code GET /queue} returns up to ten messages in the
 * SQS query-protocol JSON wrapping ({@code ReceiveMessageResponse.ReceiveMessageResult.messages}) with
 * {@code TransactionType} and {@code ClientReferenceAvailable} inside {@code Attributes};
 * {@code DELETE /queue/{receipt handle}} takes the handle URL-encoded (handles contain {@code /} and
 * {@code +}). No long polling and no visibility extension: the gateway offers neither.
 */
public final class HttpQueueTransport implements QueueTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpQueueTransport.class);

    private final EnsonoClient client;

    public HttpQueueTransport(EnsonoClient client) {
        this.client = client;
    }

    @Override
    public List<QueueMessage> receive(int max, int waitSeconds) {
        JsonNode answer = client.call("GET", "/queue", null);
        JsonNode list = answer.path("ReceiveMessageResponse").path("ReceiveMessageResult").path("messages");
        if (list.isMissingNode()) {
            list = answer.path("ReceiveMessageResponse").path("ReceiveMessageResult").path("Messages");
        }
        if (list.isMissingNode()) {
            list = answer.path("Messages");
        }
        List<QueueMessage> out = new ArrayList<>();
        for (JsonNode m : list) {
            out.add(parse(m));
        }
        return out;
    }

    static QueueMessage parse(JsonNode m) {
        JsonNode a = m.path("Attributes");
        Map<String, String> attributes = new LinkedHashMap<>();
        a.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        JsonNode body = m.path("Body");
        String bodyText = body.isTextual() ? body.asText() : Json.write(body);
        JsonNode ref = a.get(SqsQueueTransport.CLIENT_REFERENCE_AVAILABLE);
        Boolean clientRef = ref == null || ref.isNull() ? null
                : ref.isBoolean() ? ref.asBoolean() : Boolean.parseBoolean(ref.asText());
        return new QueueMessage(m.path("MessageId").asText(), m.path("ReceiptHandle").asText(),
                text(a, "MessageGroupId"), parseLong(text(a, "SentTimestamp")), text(a, "SequenceNumber"),
                text(a, "MessageDeduplicationId"), (int) parseLong(text(a, "ApproximateReceiveCount")),
                text(a, SqsQueueTransport.TRANSACTION_TYPE), clientRef, bodyText, attributes);
    }

    private static String text(JsonNode a, String field) {
        return a.hasNonNull(field) ? a.get(field).asText() : null;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public List<QueueMessage> delete(List<QueueMessage> messages) {
        List<QueueMessage> failed = new ArrayList<>();
        for (QueueMessage m : messages) {
            try {
                client.call("DELETE", "/queue/" + EnsonoClient.segment(m.receiptHandle()), null);
            } catch (DeskException e) {
                LOG.warn("DELETE /queue failed for message {} of group {}: {}", m.messageId(), m.groupId(),
                        e.getMessage());
                failed.add(m);
            }
        }
        return failed;
    }

    @Override
    public String kind() {
        return "http";
    }
}
