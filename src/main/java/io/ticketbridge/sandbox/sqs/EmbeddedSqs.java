package io.ticketbridge.sandbox.sqs;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An in-process SQS server (ElasticMQ 1.7.1) on 127.0.0.1, standing in for the Ensono bridge's FIFO queue
 * in tests, benchmarks and the offline sandbox profile.
 *
 * <p>The embedded {@code SQSRestServerBuilder} reads no {@code elasticmq.conf}, so queues are created
 * through the SQS API ({@link #createFifoQueue}). Queue URLs have the AWS shape
 * {@code http://127.0.0.1:<port>/000000000000/<name>}; ARNs use region {@code us-east-1}.
 *
 * <p>Behaviour pinned by {@code EmbeddedSqsTest} against ElasticMQ 1.7.1:
 * <ul>
 *   <li>As on AWS: order within a message group; an in-flight (received, undeleted) message blocks the rest
 *       of its group while other groups stay available; one receive returns several in-order messages of a
 *       group; visibility expiry redelivers with {@code ApproximateReceiveCount} incremented and a new
 *       receipt handle; a duplicate {@code MessageDeduplicationId} is dropped; without content-based
 *       dedup a send lacking a dedup id fails with {@code InvalidParameterValue}; message attributes
 *       (String, Number, Binary) round-trip; {@code MessageSystemAttributeNames=All} returns
 *       MessageGroupId, SentTimestamp, SequenceNumber, MessageDeduplicationId, ApproximateReceiveCount,
 *       ApproximateFirstReceiveTimestamp and SenderId; the dead-lettered message keeps its group id.</li>
 *   <li>Dead-letter timing: the move happens inside the receive that would be delivery number
 *       {@code maxReceiveCount + 1}, and that receive returns nothing; the next receive gets the
 *       following message of the group. AWS documents only "moved after maxReceiveCount receives".</li>
 *   <li>A superseded receipt handle (the message was redelivered since) fails with
 *       {@code ReceiptHandleIsInvalid}; AWS may accept it or answer {@code InvalidParameterValue}
 *       "The receipt handle has expired".</li>
 *   <li>{@code SenderId} is the caller's IP ({@code 127.0.0.1}), not an IAM principal; {@code SequenceNumber}
 *       is a small increasing counter (0, 1, ...), not a 20-digit number; receipt handles are
 *       {@code <messageId>#<uuid>} and contain no {@code /} or {@code +} (AWS handles usually do).</li>
 *   <li>Not emulated, per ElasticMQ's source (not exercised here): retention (messages never expire),
 *       throttling, high-throughput FIFO mode, the in-flight cap.</li>
 * </ul>
 */
public final class EmbeddedSqs implements AutoCloseable {

    /** Ensono's queue contract: a message is invisible for 30 s after a read. */
    public static final int DEFAULT_VISIBILITY_SECONDS = 30;
    /** Ensono's queue contract: 20 unsuccessful reads before a message goes to the failure queue. */
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 20;

    private static final String ACCOUNT_ID = "000000000000";
    private static final String FIFO_SUFFIX = ".fifo";

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient client;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = "http://127.0.0.1:" + port;
        this.client = newClient(endpoint);
    }

    /**
     * Starts ElasticMQ bound to 127.0.0.1.
     *
     * @param port fixed port, or 0 for any free port
     */
    public static EmbeddedSqs start(int port) {
        // Wildcard host: queue URLs are built from the request's Host header. With a fixed server
        // address ElasticMQ patches the dynamic port in asynchronously after binding, which races with the
        // first CreateQueue and can hand out URLs ending in ":0".
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(NodeAddress.apply("http", "*", port, ""))
                .withAWSRegion(Region.US_EAST_1.id())
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        int boundPort = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, boundPort);
    }

    /** Base URL for SDK endpoint overrides, e.g. {@code http://127.0.0.1:9324}. */
    public String endpoint() {
        return endpoint;
    }

    /** Shared client with dummy static credentials; closed with this server. */
    public SqsClient client() {
        return client;
    }

    /** A FIFO queue with Ensono's defaults (30 s visibility, DLQ after 20 receives). */
    public String createFifoQueue(String name) {
        return createFifoQueue(name, DEFAULT_VISIBILITY_SECONDS, DEFAULT_MAX_RECEIVE_COUNT);
    }

    /**
     * Creates {@code name} as a FIFO queue (explicit dedup ids required) plus its FIFO dead-letter queue
     * {@code <base>-failures.fifo}. Idempotent when called again with the same settings.
     *
     * @return the queue URL
     */
    public String createFifoQueue(String name, int visibilitySeconds, int maxReceiveCount) {
        Objects.requireNonNull(name, "name");
        if (!name.endsWith(FIFO_SUFFIX)) {
            throw new IllegalArgumentException("FIFO queue names must end with .fifo: " + name);
        }
        String dlqName = failureQueueName(name);
        String dlqUrl = client.createQueue(b -> b.queueName(dlqName).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
        String dlqArn = client.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN).build())
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
        return client.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    }

    /** URL of an existing queue; fails with {@code QueueDoesNotExistException} otherwise. */
    public String queueUrl(String name) {
        return client.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** Name of the dead-letter queue {@link #createFifoQueue} pairs with {@code name}. */
    public static String failureQueueName(String name) {
        return name.substring(0, name.length() - FIFO_SUFFIX.length()) + "-failures" + FIFO_SUFFIX;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }

    private static SqsClient newClient(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                // set explicitly: netty (async) and apache (sync) are both on the classpath via Camel
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
