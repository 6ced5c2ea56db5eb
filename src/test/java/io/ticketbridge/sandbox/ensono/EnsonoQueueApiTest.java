package io.ticketbridge.sandbox.ensono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EnsonoQueueApiTest extends SimulatorTestBase {

    @Override
    EnsonoSimulator.Builder configure(EnsonoSimulator.Builder builder) {
        return builder.returnEnsonoNumOnCreate(false);
    }

    @Test
    void emptyQueueReadHasTheBridgeWrapper() {
        JsonNode body = BridgeHttp.json(http.get("/queue"));

        assertThat(body.fieldNames()).toIterable().containsExactly("ReceiveMessageResponse");
        JsonNode response = body.path("ReceiveMessageResponse");
        assertThat(response.path("ResponseMetadata").path("RequestId").asText()).isNotBlank();
        assertThat(response.path("ReceiveMessageResult").path("messages").isArray()).isTrue();
        assertThat(response.path("ReceiveMessageResult").path("messages")).isEmpty();
    }

    @Test
    void readLiftsCustomAttributesIntoAttributesAndEmbedsTheBodyAsAnObject() throws Exception {
        String number = sim.agentCreate(fields("shortDescription", "Disk full on db01"));

        HttpResponse<String> read = http.get("/queue");

        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode message = messages(read).get(0);
        assertThat(message.fieldNames()).toIterable()
                .containsExactly("MessageId", "ReceiptHandle", "MD5OfBody", "Body", "Attributes");
        assertThat(message.path("ReceiptHandle").asText()).startsWith("AQEB/+/+");
        JsonNode body = message.path("Body");
        assertThat(body.isObject()).isTrue();
        assertThat(body.path("ticketNumber").asText()).isEqualTo(number);
        assertThat(body.path("clientTicketNumber").asText()).isEmpty();
        assertThat(body.path("shortDescription").asText()).isEqualTo("Disk full on db01");
        assertThat(message.path("MD5OfBody").asText()).isEqualTo(md5(BridgeHttp.MAPPER.writeValueAsString(body)));
        JsonNode attributes = message.path("Attributes");
        assertThat(attributes.fieldNames()).toIterable().containsExactly("SenderId", "ApproximateFirstReceiveTimestamp",
                "ApproximateReceiveCount", "SentTimestamp", "SequenceNumber", "MessageDeduplicationId", "MessageGroupId",
                "ClientReferenceAvailable", "TransactionType");
        assertThat(attributes.path("TransactionType").asText()).isEqualTo("Create");
        assertThat(attributes.path("ClientReferenceAvailable").isBoolean()).isTrue();
        assertThat(attributes.path("ClientReferenceAvailable").booleanValue()).isFalse();
        assertThat(attributes.path("MessageGroupId").asText()).isEqualTo(number);
        assertThat(attributes.path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(attributes.path("MessageDeduplicationId").asText()).hasSize(64);
    }

    @Test
    void deleteWithUrlEncodedHandleRemovesTheMessage() {
        sim.agentCreate(fields("shortDescription", "x"));
        String handle = messages(http.get("/queue")).get(0).path("ReceiptHandle").asText();
        assertThat(handle).contains("/").contains("+");

        HttpResponse<String> deleted = http.delete("/queue/" + BridgeHttp.encode(handle));

        assertThat(deleted.statusCode()).isEqualTo(200);
        JsonNode body = BridgeHttp.json(deleted);
        assertThat(body.fieldNames()).toIterable().containsExactly("DeleteMessageResponse");
        assertThat(body.path("DeleteMessageResponse").path("ResponseMetadata").path("RequestId").asText()).isNotBlank();
        Map<QueueAttributeName, String> counts = sqs.client().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(counts).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void unencodedOrBogusHandlesAreInvalid() {
        sim.agentCreate(fields("shortDescription", "x"));
        String handle = messages(http.get("/queue")).get(0).path("ReceiptHandle").asText();

        HttpResponse<String> unencoded = http.delete("/queue/" + handle);
        HttpResponse<String> bogus = http.delete("/queue/bogus-handle");

        assertThat(unencoded.statusCode()).isEqualTo(400);
        assertThat(BridgeHttp.json(unencoded).path("Error").path("Code").asText()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(bogus.statusCode()).isEqualTo(400);
        JsonNode error = BridgeHttp.json(bogus);
        assertThat(error.fieldNames()).toIterable().containsExactly("Error", "RequestId");
        assertThat(error.path("Error").path("Code").asText()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(error.path("Error").path("Message").asText())
                .isEqualTo("The input receipt handle \"bogus-handle\" is not a valid receipt handle.");
        assertThat(error.path("Error").path("Type").asText()).isEqualTo("Sender");
        // the real message is still in flight, not deleted by the failed attempts
        assertThat(http.delete("/queue/" + BridgeHttp.encode(handle)).statusCode()).isEqualTo(200);
    }

    @Test
    void undeletedMessageBlocksItsTicketOnLaterReads() {
        String a = sim.agentCreate(fields("shortDescription", "A"));
        sim.agentNote(a, "second transaction", "Sam Agent");

        JsonNode firstRead = messages(http.get("/queue"));
        assertThat(firstRead).hasSize(2);
        String b = sim.agentCreate(fields("shortDescription", "B"));
        sim.agentNote(a, "third transaction", "Sam Agent");
        JsonNode secondRead = messages(http.get("/queue"));

        assertThat(secondRead).hasSize(1);
        assertThat(secondRead.get(0).path("Attributes").path("MessageGroupId").asText()).isEqualTo(b);
    }

    @Test
    void agentTransactionsArriveInOrderPerTicket() {
        String a = sim.agentCreate(fields("shortDescription", "A"));
        String b = sim.agentCreate(fields("shortDescription", "B"));
        sim.agentUpdate(a, fields("priority", "2"));
        sim.agentNote(a, "Looking into it", "Sam Agent");
        sim.agentNote(b, "Queued", "Kim Agent");
        sim.agentResolve(a, "Cleared temp files");
        sim.agentClose(a, "Cleared temp files", "Solved (Permanently)");

        Map<String, List<String>> byGroup = drainQueue(7);

        assertThat(byGroup.get(a)).containsExactly("Create", "Update", "Notes", "Closure", "Closure");
        assertThat(byGroup.get(b)).containsExactly("Create", "Notes");
    }

    @Test
    void transactionBodiesFollowTheGuideShapes() {
        String number = sim.agentCreate(fields("shortDescription", "A"));
        sim.agentUpdate(number, fields("status", "pending"));
        sim.agentNote(number, "Waiting for caller", "Sam Agent");
        sim.agentResolve(number, "Done");

        List<JsonNode> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode m : messages(http.get("/queue"))) {
                bodies.add(m.path("Body"));
                http.delete("/queue/" + BridgeHttp.encode(m.path("ReceiptHandle").asText()));
            }
            return bodies.size() == 4;
        });

        JsonNode update = bodies.get(1);
        assertThat(update.path("status").asText()).isEqualTo("pending");
        assertThat(update.path("changed").fieldNames()).toIterable().containsExactly("updatedOn", "status");
        assertThat(update.path("updatedOn").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        JsonNode notes = bodies.get(2).path("notes");
        assertThat(notes.path("type").asText()).isEqualTo("comment");
        assertThat(notes.path("body").asText()).isEqualTo("Waiting for caller");
        assertThat(notes.path("commenter").asText()).isEqualTo("Sam Agent");
        assertThat(notes.path("id").asText()).hasSize(32);
        JsonNode closure = bodies.get(3);
        assertThat(closure.path("status").asText()).isEqualTo("resolved");
        assertThat(closure.path("closeNotes").asText()).isEqualTo("Done");
        assertThat(closure.path("closeCode").asText()).isEqualTo("resolved");
        assertThat(closure.path("changed").fieldNames()).toIterable()
                .containsExactly("updatedOn", "status", "closeNotes", "closeCode");
    }

    @Test
    void returnedPtnMakesClientReferenceAvailable() {
        String number = sim.agentCreate(fields("shortDescription", "A"));
        http.put("/tickets/" + number + "/returnptn", fixture("returnptn.json"));
        sim.agentUpdate(number, fields("priority", "1"));

        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode m : messages(http.get("/queue"))) {
                received.add(m);
                http.delete("/queue/" + BridgeHttp.encode(m.path("ReceiptHandle").asText()));
            }
            return received.size() == 2;
        });

        assertThat(received.get(0).path("Attributes").path("ClientReferenceAvailable").booleanValue()).isFalse();
        assertThat(received.get(1).path("Attributes").path("ClientReferenceAvailable").booleanValue()).isTrue();
        assertThat(received.get(1).path("Body").path("clientTicketNumber").asText()).isEqualTo("INC0099002");
    }

    @Test
    void reopenRestoresTheStatusBeforeResolution() {
        String number = sim.agentCreate(fields("status", "workinprogress"));
        sim.agentResolve(number, "Done");
        sim.agentReopen(number);

        assertThat(sim.ticket(number).orElseThrow().path("status").asText()).isEqualTo("workinprogress");
        assertThat(drainQueue(3).get(number)).containsExactly("Create", "Closure", "Update");
    }

    @Test
    void rawPublishingSingleAndBatched() {
        sim.publishRaw("e-CS7000000", "Update", true, "{\"ticketNumber\":\"e-CS7000000\"}");
        sim.publishRawBatch(IntStream.range(0, 25)
                .mapToObj(i -> new RawTransaction("e-CS80000" + (i % 3), "Notes", false, "{\"n\":" + i + "}"))
                .toList());

        Map<String, List<String>> byGroup = drainQueue(26);

        assertThat(byGroup.get("e-CS7000000")).containsExactly("Update");
        assertThat(byGroup.values().stream().mapToInt(List::size).sum()).isEqualTo(26);
    }

    /** Reads and deletes until {@code expected} messages were seen; transaction types per group, in order. */
    private Map<String, List<String>> drainQueue(int expected) {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        int[] seen = {0};
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode m : messages(http.get("/queue"))) {
                JsonNode attributes = m.path("Attributes");
                byGroup.computeIfAbsent(attributes.path("MessageGroupId").asText(), k -> new ArrayList<>())
                        .add(attributes.path("TransactionType").asText());
                seen[0]++;
                assertThat(http.delete("/queue/" + BridgeHttp.encode(m.path("ReceiptHandle").asText())).statusCode())
                        .isEqualTo(200);
            }
            return seen[0] >= expected;
        });
        assertThat(seen[0]).isEqualTo(expected);
        return byGroup;
    }

    private static JsonNode messages(HttpResponse<String> read) {
        return BridgeHttp.json(read).path("ReceiveMessageResponse").path("ReceiveMessageResult").path("messages");
    }

    private static ObjectNode fields(String name, String value) {
        return BridgeHttp.MAPPER.createObjectNode().put(name, value);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
