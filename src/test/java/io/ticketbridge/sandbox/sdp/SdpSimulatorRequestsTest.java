package io.ticketbridge.sandbox.sdp;

import static io.ticketbridge.sandbox.sdp.SdpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpSimulatorRequestsTest {

    private static final long T0 = 1_717_430_400_000L; // Jun 3, 2024 04:00 PM UTC

    private final TestClock clock = new TestClock(T0);
    private SdpSimulator sim;
    private SdpTestClient client;

    @BeforeEach
    void start() {
        sim = SdpSimulator.start(new SdpSimulator.Options().clock(clock)
                .groups("Network Team", "Service Desk").categories("Network", "Hardware"));
        client = SdpTestClient.onPrem(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createAnswers201WithTheFullRequestShape() {
        SdpTestClient.Response response = client.post("/requests", """
                {"request":{"subject":"VPN drops every 10 minutes","description":"<p>User reports VPN disconnects</p>",
                 "requester":{"email_id":"jane.doe@example.com"},"status":{"name":"Open"},"priority":{"name":"High"},
                 "urgency":{"name":"High"},"category":{"name":"Network"},"group":{"name":"Network Team"},
                 "udf_fields":{"udf_sline_301":"EXT-42"}}}""");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        assertThat(response.json()).isEqualTo(json("""
                {"request":{"id":"100000000000100000","display_id":"1","subject":"VPN drops every 10 minutes",
                 "description":"<p>User reports VPN disconnects</p>",
                 "status":{"id":"2","name":"Open","color":"#0066ff"},"priority":{"id":"3","name":"High"},
                 "urgency":{"id":"100000000000000107","name":"High"},"impact":null,
                 "category":{"id":"100000000000000102","name":"Network"},"subcategory":null,
                 "group":{"id":"100000000000000100","name":"Network Team"},"technician":null,
                 "requester":{"id":"100000000000000106","name":"Jane Doe","email_id":"jane.doe@example.com"},
                 "created_by":{"id":"100000000000000104","name":"TicketBridge Integration",
                               "email_id":"ticketbridge@example.com"},
                 "due_by_time":null,"resolution":{"content":null},"udf_fields":{"udf_sline_301":"EXT-42"},
                 "has_notes":false,"has_attachments":false,"has_linked_requests":false,
                 "created_time":{"value":"1717430400000","display_value":"Jun 3, 2024 04:00 PM"},
                 "last_updated_time":{"value":"1717430400000","display_value":"Jun 3, 2024 04:00 PM"}},
                 "response_status":{"status_code":2000,"status":"success"}}"""));
        assertThat(sim.requestCount()).isEqualTo(1);
    }

    @Test
    void displayIdsIncrementAndIdsAreLongDigitStrings() {
        String first = client.create("{\"subject\":\"one\"}");
        String second = client.create("{\"subject\":\"two\"}");

        assertThat(first).matches("\\d{15,18}");
        assertThat(second).matches("\\d{15,18}").isNotEqualTo(first);
        assertThat(sim.request(first).get("display_id").asText()).isEqualTo("1");
        assertThat(sim.request(second).get("display_id").asText()).isEqualTo("2");
    }

    @Test
    void getReturnsTheStoredRequestUnderRootKeyRequest() {
        String id = client.create("{\"subject\":\"Printer jam\",\"priority\":{\"name\":\"low\"}}");

        SdpTestClient.Response response = client.get("/requests/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("request")).isEqualTo(sim.request(id));
        assertThat(response.json().at("/request/priority")).isEqualTo(json("{\"id\":\"1\",\"name\":\"Low\"}"));
        assertThat(response.json().get("response_status")).isEqualTo(json("{\"status_code\":2000,\"status\":\"success\"}"));
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndBumpsLastUpdatedTime() {
        String id = client.create("""
                {"subject":"Laptop slow","priority":{"name":"Low"},"udf_fields":{"udf_sline_301":"EXT-1"}}""");
        JsonNode before = sim.request(id);
        clock.advance(Duration.ofMinutes(5));

        SdpTestClient.Response response = client.put("/requests/" + id, """
                {"request":{"priority":{"name":"Urgent"},"udf_fields":{"udf_pick_5":"Yes"},"update_reason":"escalated"}}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode after = response.json().get("request");
        assertThat(after.get("priority")).isEqualTo(json("{\"id\":\"4\",\"name\":\"Urgent\"}"));
        assertThat(after.get("subject").asText()).isEqualTo("Laptop slow");
        assertThat(after.get("udf_fields")).isEqualTo(json("{\"udf_sline_301\":\"EXT-1\",\"udf_pick_5\":\"Yes\"}"));
        assertThat(after.get("created_time")).isEqualTo(before.get("created_time"));
        assertThat(after.at("/last_updated_time/value").asText()).isEqualTo(Long.toString(T0 + 300_000));
        assertThat(after.has("update_reason")).isFalse();
        assertThat(sim.request(id)).isEqualTo(after);
    }

    @Test
    void updatesInTheSameMillisecondStillMoveLastUpdatedTimeForward() {
        String id = client.create("{\"subject\":\"fast\"}");
        long created = sim.request(id).at("/last_updated_time/value").asLong();

        client.put("/requests/" + id, "{\"request\":{\"description\":\"first\"}}");
        long first = sim.request(id).at("/last_updated_time/value").asLong();
        client.put("/requests/" + id, "{\"request\":{\"description\":\"second\"}}");
        long second = sim.request(id).at("/last_updated_time/value").asLong();

        assertThat(created).isEqualTo(T0);
        assertThat(first).isGreaterThan(created);
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void rejectedUpdateChangesNothing() {
        String id = client.create("{\"subject\":\"Keep me\"}");
        JsonNode before = sim.request(id);

        SdpTestClient.Response response = client.put("/requests/" + id,
                "{\"request\":{\"subject\":\"Changed\",\"status\":{\"name\":\"Parked\"}}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/field").asText()).isEqualTo("status");
        assertThat(sim.request(id)).isEqualTo(before);
    }

    @Test
    void deleteAndMoveToTrashBothRemoveFromTheLiveList() {
        String cloud = client.create("{\"subject\":\"cloud delete\"}");
        String onPrem = client.create("{\"subject\":\"on-prem delete\"}");

        SdpTestClient.Response deleted = client.delete("/requests/" + cloud);
        SdpTestClient.Response trashed = client.delete("/requests/" + onPrem + "/move_to_trash");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).isEqualTo(json("{\"response_status\":{\"status_code\":2000,\"status\":\"success\"}}"));
        assertThat(trashed.status()).isEqualTo(200);
        assertThat(sim.requestCount()).isZero();
        assertThat(sim.request(cloud)).isNull();
        assertThat(sim.isTrashed(onPrem)).isTrue();
        assertThat(client.get("/requests", "{\"list_info\":{\"get_total_count\":true}}").json()
                .at("/list_info/total_count").asInt()).isZero();
    }

    @Test
    void unknownRequestIdIs404With4007() {
        SdpTestClient.Response response = client.get("/requests/123456789012345");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4007,
                 "type":"failed","message":"Request 123456789012345 does not exist"}]}}"""));
    }

    @Test
    void invalidPriorityIs400With4001AndTheField() {
        SdpTestClient.Response response = client.post("/requests",
                "{\"request\":{\"subject\":\"x\",\"priority\":{\"name\":\"Critical\"}}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4001,
                 "type":"failed","field":"priority","message":"Value given for priority is not valid"}]}}"""));
        assertThat(sim.requestCount()).isZero();
    }

    @Test
    void unknownGroupCategoryAndStatusAre4001OnTheirField() {
        assertThat(fieldOfError("{\"subject\":\"x\",\"group\":{\"name\":\"Facilities\"}}")).isEqualTo("group");
        assertThat(fieldOfError("{\"subject\":\"x\",\"category\":{\"name\":\"Plumbing\"}}")).isEqualTo("category");
        assertThat(fieldOfError("{\"subject\":\"x\",\"status\":{\"name\":\"Waiting\"}}")).isEqualTo("status");
        assertThat(fieldOfError("{\"subject\":\"x\",\"priority\":{\"id\":\"99\"}}")).isEqualTo("priority");
        assertThat(fieldOfError("{\"subject\":\"x\",\"priority\":\"High\"}")).isEqualTo("priority");
    }

    private String fieldOfError(String fields) {
        SdpTestClient.Response response = client.post("/requests", "{\"request\":" + fields + "}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4001);
        return response.json().at("/response_status/messages/0/field").asText();
    }

    @Test
    void missingSubjectIs4012() {
        SdpTestClient.Response response = client.post("/requests", "{\"request\":{\"description\":\"no subject\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4012,
                 "type":"failed","field":"subject","message":"Value for mandatory field subject is not provided",
                 "fields":["subject"]}]}}"""));
    }

    @Test
    void readOnlyFieldsAre4014() {
        String id = client.create("{\"subject\":\"x\"}");

        SdpTestClient.Response response = client.put("/requests/" + id, "{\"request\":{\"display_id\":\"77\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4014);
        assertThat(response.json().at("/response_status/messages/0/field").asText()).isEqualTo("display_id");
    }

    @Test
    void malformedInputDataIs400With4000() {
        SdpTestClient.Response response = client.post("/requests", "{\"request\":{\"subject\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/status_code").asInt()).isEqualTo(4000);
        assertThat(response.json().at("/response_status/status").asText()).isEqualTo("failed");
        assertThat(response.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4000);
        assertThat(response.json().at("/response_status/messages/0/message").asText()).startsWith("Invalid input_data");
    }

    @Test
    void singleQuotedInputDataIsRejectedUnlessLenient() {
        String pythonRepr = "{'request': {'subject': 'from splunk'}}";
        assertThat(client.post("/requests", pythonRepr).status()).isEqualTo(400);

        try (SdpSimulator lenient = SdpSimulator.start(new SdpSimulator.Options().lenientInputData(true))) {
            assertThat(SdpTestClient.onPrem(lenient).post("/requests", pythonRepr).status()).isEqualTo(201);
        }
    }

    @Test
    void missingRootKeyIs4012OnIt() {
        SdpTestClient.Response response = client.post("/requests", "{\"subject\":\"no root\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/field").asText()).isEqualTo("request");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        SdpTestClient.Response unknown = client.get("/problems");
        SdpTestClient.Response wrongMethod = client.send(client.request("/requests")
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4007,
                 "type":"failed","message":"Invalid URL"}]}}"""));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(wrongMethod.json().at("/response_status/status_code").asInt()).isEqualTo(4000);
    }

    @Test
    void directChangesActAsTheTechnicianAndBumpLastUpdatedTime() {
        String id = sim.createRequestDirect((com.fasterxml.jackson.databind.node.ObjectNode) json(
                "{\"subject\":\"Agent made this\",\"group\":{\"name\":\"Service Desk\"}}"));
        clock.advance(Duration.ofSeconds(30));

        sim.updateRequestDirect(id, (com.fasterxml.jackson.databind.node.ObjectNode) json(
                "{\"status\":{\"name\":\"In Progress\"}}"));

        JsonNode stored = client.get("/requests/" + id).json().get("request");
        assertThat(stored.at("/created_by/name").asText()).isEqualTo("Sandbox Technician");
        assertThat(stored.at("/status/name").asText()).isEqualTo("In Progress");
        assertThat(stored.at("/last_updated_time/value").asLong()).isEqualTo(T0 + 30_000);
    }
}
