package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS FIFO transport, built on camel-aws2-sqs: an {@code aws2-sqs} endpoint configures the
 * {@link SqsClient} (endpoint override for a local server such as ElasticMQ, region, static keys or the
 * default AWS credential chain), and this class drives that client directly.
 *
 * <p>Why not the aws2-sqs consumer: it hands messages over one exchange at a time and deletes each on
 * completion (also when an error was handled), and a failed message does not stop the rest of its
 * batch. The bridge needs the opposite: the whole receive as one batch, grouped and ordered, a delete
 * only after the local commit, and nothing after a failure in the same group. So the route is a
 * {@code scheduler:} that asks this transport for a batch (long polling, up to 10 messages).
 */
public final class SqsQueueTransport implements QueueTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SqsQueueTransport.class);
    public static final String TRANSACTION_TYPE = QueueMessage.TRANSACTION_TYPE;
    public static final String CLIENT_REFERENCE_AVAILABLE = QueueMessage.CLIENT_REFERENCE_AVAILABLE;

    /** How to reach the queue. Null endpoint = AWS itself; null keys = the default AWS credential chain. */
    public record Options(String queueUrl, String region, String endpointOverride, String accessKey,
                          String secretKey) {
    }

    private final Sqs2Endpoint endpoint;
    private final SqsClient client;
    private final String queueUrl;

    public SqsQueueTransport(CamelContext context, Options o) {
        this.queueUrl = o.queueUrl();
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("queueUrl", queueUrl);
        p.put("region", o.region() == null ? "us-east-1" : o.region());
        if (o.endpointOverride() != null) {
            p.put("overrideEndpoint", "true");
            p.put("uriEndpointOverride", o.endpointOverride());
        }
        if (o.accessKey() != null && o.secretKey() != null) {
            p.put("accessKey", "RAW(" + o.accessKey() + ")");
            p.put("secretKey", "RAW(" + o.secretKey() + ")");
        } else {
            p.put("useDefaultCredentialsProvider", "true");
        }
        StringBuilder uri = new StringBuilder("aws2-sqs:").append(name).append('?');
        p.forEach((k, v) -> uri.append(k).append('=')
                .append(v.startsWith("RAW(") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        uri.setLength(uri.length() - 1);
        try {
            // an endpoint of its own, not the context's cached one for this URI: a transport replaced after an
            // edit with the same URI (e.g. only timeout_ms changed) must not close its successor's client
            this.endpoint = (Sqs2Endpoint) context.getComponent("aws2-sqs").createEndpoint(uri.toString());
            endpoint.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open SQS queue " + queueUrl + ": " + e.getMessage(), e);
        }
        this.client = endpoint.getClient();
    }

    @Override
    public List<QueueMessage> receive(int max, int waitSeconds) {
        List<Message> messages = client.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.max(1, Math.min(10, max)))
                .waitTimeSeconds(Math.max(0, Math.min(20, waitSeconds)))
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
        List<QueueMessage> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            out.add(toQueueMessage(m));
        }
        return out;
    }

    static QueueMessage toQueueMessage(Message m) {
        Map<MessageSystemAttributeName, String> a = m.attributes();
        Map<String, String> attributes = new LinkedHashMap<>(m.attributesAsStrings());
        String type = attribute(m, TRANSACTION_TYPE);
        String ref = attribute(m, CLIENT_REFERENCE_AVAILABLE);
        if (type != null) {
            attributes.put(TRANSACTION_TYPE, type);
        }
        if (ref != null) {
            attributes.put(CLIENT_REFERENCE_AVAILABLE, ref);
        }
        return new QueueMessage(m.messageId(), m.receiptHandle(), a.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                parseLong(a.get(MessageSystemAttributeName.SENT_TIMESTAMP)),
                a.get(MessageSystemAttributeName.SEQUENCE_NUMBER),
                a.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID),
                (int) parseLong(a.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)), type,
                ref == null ? null : Boolean.parseBoolean(ref), m.body(), attributes);
    }

    private static String attribute(Message m, String name) {
        MessageAttributeValue v = m.messageAttributes().get(name);
        return v == null ? null : v.stringValue();
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
        for (int from = 0; from < messages.size(); from += 10) {
            List<QueueMessage> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            Map<String, QueueMessage> byId = new HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + i)
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
                byId.put("m" + i, chunk.get(i));
            }
            try {
                DeleteMessageBatchResponse r = client.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                r.failed().forEach(f -> {
                    LOG.warn("SQS could not delete message {} of group {}: {} {}", byId.get(f.id()).messageId(),
                            byId.get(f.id()).groupId(), f.code(), f.message());
                    failed.add(byId.get(f.id()));
                });
            } catch (RuntimeException e) {
                LOG.warn("DeleteMessageBatch failed: {}", e.toString());
                failed.addAll(chunk);
            }
        }
        return failed;
    }

    @Override
    public boolean extendVisibility(List<QueueMessage> messages, int seconds) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<QueueMessage> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + i)
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            try {
                client.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (RuntimeException e) {
                LOG.warn("ChangeMessageVisibilityBatch failed: {}", e.toString());
                return false;
            }
        }
        return true;
    }

    @Override
    public OptionalLong depth() {
        try {
            String n = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return n == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(n));
        } catch (RuntimeException e) {
            LOG.debug("GetQueueAttributes failed: {}", e.toString());
            return OptionalLong.empty();
        }
    }

    @Override
    public String kind() {
        return "sqs";
    }

    @Override
    public void close() {
        try {
            endpoint.stop();
        } catch (RuntimeException e) {
            LOG.debug("Closing the SQS endpoint: {}", e.toString());
        }
    }
}
