package io.ticketbridge.sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Pins down the ElasticMQ 1.7.1 FIFO behaviour the Ensono queue consumer relies on. */
class EmbeddedSqsTest {

    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static EmbeddedSqs sqs;
    private static SqsClient client;

    @BeforeAll
    static void start() {
        sqs = EmbeddedSqs.start(0);
        client = sqs.client();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void createsFifoQueueWithFifoDeadLetterQueue() {
        String url = sqs.createFifoQueue("tickets-" + QUEUES.incrementAndGet() + ".fifo");
        String name = url.substring(url.lastIndexOf('/') + 1);

        assertThat(url).isEqualTo(sqs.endpoint() + "/000000000000/" + name);
        assertThat(sqs.endpoint()).startsWith("http://127.0.0.1:");
        assertThat(sqs.queueUrl(name)).isEqualTo(url);
        Map<String, String> attributes = attributes(url);
        assertThat(attributes).containsEntry("FifoQueue", "true")
                .containsEntry("ContentBasedDeduplication", "false")
                .containsEntry("VisibilityTimeout", "30")
                .containsEntry("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:"
                        + EmbeddedSqs.failureQueueName(name) + "\",\"maxReceiveCount\":20}");
        assertThat(attributes(sqs.queueUrl(EmbeddedSqs.failureQueueName(name)))).containsEntry("FifoQueue", "true");
        assertThatThrownBy(() -> sqs.createFifoQueue("standard", 30, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindsAFixedPortOnLoopback() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        try (EmbeddedSqs fixed = EmbeddedSqs.start(port)) {
            assertThat(fixed.endpoint()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(fixed.createFifoQueue("fixed.fifo")).isEqualTo("http://127.0.0.1:" + port + "/000000000000/fixed.fifo");
        }
    }

    @Test
    void inFlightMessageBlocksItsGroupButNotOthers() {
        String url = newQueue(30, 20);
        send(url, "A", "a1");
        send(url, "A", "a2");
        send(url, "A", "a3");
        send(url, "B", "b1");

        List<Message> first = receive(url, 1);
        List<Message> second = receive(url, 10);

        assertThat(bodies(first)).containsExactly("a1");
        assertThat(bodies(second)).containsExactly("b1");
        delete(url, first.get(0));
        delete(url, second.get(0));
        assertThat(bodies(receive(url, 10))).containsExactly("a2", "a3");
    }

    @Test
    void visibilityExpiryRedeliversWithIncrementedReceiveCount() {
        String url = newQueue(1, 20);
        send(url, "A", "a1");
        send(url, "A", "a2");

        Message firstDelivery = receive(url, 1).get(0);
        assertThat(receive(url, 10)).isEmpty();

        Message redelivered = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> receive(url, 1), list -> !list.isEmpty()).get(0);
        assertThat(redelivered.body()).isEqualTo("a1");
        assertThat(redelivered.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        assertThat(redelivered.receiptHandle()).isNotEqualTo(firstDelivery.receiptHandle());
        // ElasticMQ rejects the superseded handle outright; AWS may accept it or report it expired
        assertThatThrownBy(() -> delete(url, firstDelivery)).isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void movesToDeadLetterQueueOnTheReceiveAfterMaxReceiveCount() {
        String url = newQueue(30, 3);
        send(url, "A", "poison");
        send(url, "A", "next");

        for (int attempt = 1; attempt <= 3; attempt++) {
            Message message = receive(url, 1).get(0);
            assertThat(message.body()).isEqualTo("poison");
            assertThat(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo(Integer.toString(attempt));
            client.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }

        // ElasticMQ moves the message during this receive and returns nothing; the next receive gets "next"
        assertThat(receive(url, 1)).isEmpty();
        assertThat(bodies(receive(url, 1))).containsExactly("next");
        String name = url.substring(url.lastIndexOf('/') + 1);
        List<Message> dead = receive(sqs.queueUrl(EmbeddedSqs.failureQueueName(name)), 10);
        assertThat(bodies(dead)).containsExactly("poison");
        assertThat(dead.get(0).attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "A");
    }

    @Test
    void systemAndMessageAttributesRoundTrip() {
        String url = newQueue(30, 20);
        long before = System.currentTimeMillis();
        Map<String, MessageAttributeValue> sent = Map.of(
                "TransactionType", MessageAttributeValue.builder().dataType("String").stringValue("Update").build(),
                "ClientReferenceAvailable", MessageAttributeValue.builder().dataType("String").stringValue("false").build(),
                "Attempt", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "Blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("x/+")).build());
        client.sendMessage(b -> b.queueUrl(url).messageGroupId("e-CS0000001").messageDeduplicationId("dedup-1")
                .messageBody("{\"ticketNumber\":\"e-CS0000001\"}").messageAttributes(sent));
        send(url, "e-CS0000002", "other");

        List<Message> messages = receive(url, 10);

        Message message = messages.get(0);
        assertThat(message.messageAttributes()).isEqualTo(sent);
        assertThat(message.attributes().keySet()).contains(
                MessageSystemAttributeName.MESSAGE_GROUP_ID, MessageSystemAttributeName.SENT_TIMESTAMP,
                MessageSystemAttributeName.SEQUENCE_NUMBER, MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, MessageSystemAttributeName.SENDER_ID);
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "e-CS0000001")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "dedup-1")
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsEntry(MessageSystemAttributeName.SENDER_ID, "127.0.0.1");
        assertThat(Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                .isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(Long.parseLong(messages.get(1).attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER)))
                .isGreaterThan(Long.parseLong(message.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER)));
        assertThat(message.receiptHandle()).doesNotContain("/", "+");
    }

    @Test
    void deduplicationIdIsRequiredAndHonoured() {
        String url = newQueue(30, 20);
        client.sendMessage(b -> b.queueUrl(url).messageGroupId("A").messageDeduplicationId("same").messageBody("first"));
        client.sendMessage(b -> b.queueUrl(url).messageGroupId("A").messageDeduplicationId("same").messageBody("second"));

        assertThatThrownBy(() -> client.sendMessage(b -> b.queueUrl(url).messageGroupId("A").messageBody("no id")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThat(bodies(receive(url, 10))).containsExactly("first");
    }

    private static String newQueue(int visibilitySeconds, int maxReceiveCount) {
        return sqs.createFifoQueue("fifo-check-" + QUEUES.incrementAndGet() + ".fifo", visibilitySeconds, maxReceiveCount);
    }

    private static void send(String url, String group, String body) {
        client.sendMessage(b -> b.queueUrl(url).messageGroupId(group)
                .messageDeduplicationId(group + "-" + body).messageBody(body));
    }

    private static List<Message> receive(String url, int max) {
        return client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max)
                .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
    }

    private static void delete(String url, Message message) {
        client.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    private static Map<String, String> attributes(String url) {
        return client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }
}
