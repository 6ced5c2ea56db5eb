package io.ticketbridge.sandbox.sdp;

import static io.ticketbridge.sandbox.sdp.SdpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpSimulatorNotesWorklogsTest {

    private static final long T0 = 1_717_430_400_000L;

    private final TestClock clock = new TestClock(T0);
    private SdpSimulator sim;
    private SdpTestClient client;
    private String id;

    @BeforeEach
    void start() {
        sim = SdpSimulator.start(new SdpSimulator.Options().clock(clock).closureRequiresResolution(true));
        client = SdpTestClient.onPrem(sim);
        id = client.create("{\"subject\":\"VPN drops\"}");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void onPremNoteRootKeyIsAnsweredUnderNote() {
        SdpTestClient.Response response = client.post("/requests/" + id + "/notes",
                "{\"note\":{\"description\":\"Called the user\",\"show_to_requester\":true}}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode note = response.json().get("note");
        assertThat(note.get("id").asText()).matches("\\d{15,18}");
        assertThat(note.get("description").asText()).isEqualTo("Called the user");
        assertThat(note.get("show_to_requester").asBoolean()).isTrue();
        assertThat(note.get("mark_first_response").asBoolean()).isFalse();
        assertThat(note.at("/created_by/name").asText()).isEqualTo("TicketBridge Integration");
        assertThat(note.at("/created_time/value").asText()).matches("\\d{13}");
        assertThat(response.json().get("response_status")).isEqualTo(json("{\"status_code\":2000,\"status\":\"success\"}"));
        assertThat(sim.request(id).get("has_notes").asBoolean()).isTrue();
    }

    @Test
    void cloudNoteRootKeyIsAnsweredUnderRequestNoteAndListedUnderNotes() {
        SdpTestClient.Response cloud = client.post("/requests/" + id + "/notes",
                "{\"request_note\":{\"description\":\"Cloud note\",\"notify_technician\":false}}");
        String agentNoteId = sim.addNoteDirect(id, "Agent note");

        SdpTestClient.Response list = client.get("/requests/" + id + "/notes");

        assertThat(cloud.status()).isEqualTo(201);
        assertThat(cloud.json().at("/request_note/description").asText()).isEqualTo("Cloud note");
        assertThat(cloud.json().has("note")).isFalse();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("notes")).hasSize(2);
        assertThat(list.json().at("/notes/1/id").asText()).isEqualTo(agentNoteId);
        assertThat(list.json().at("/notes/1/created_by/name").asText()).isEqualTo("Sandbox Technician");
        assertThat(list.json().get("response_status").isArray()).isTrue();
        assertThat(sim.notes(id)).hasSize(2);
    }

    @Test
    void noteItemGetUpdateDelete() {
        String noteId = client.post("/requests/" + id + "/notes", "{\"note\":{\"description\":\"first\"}}")
                .json().at("/note/id").asText();
        clock.advance(Duration.ofMinutes(1));

        SdpTestClient.Response updated = client.put("/requests/" + id + "/notes/" + noteId,
                "{\"note\":{\"description\":\"edited\"}}");
        SdpTestClient.Response fetched = client.get("/requests/" + id + "/notes/" + noteId);
        SdpTestClient.Response deleted = client.delete("/requests/" + id + "/notes/" + noteId);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(fetched.json().at("/note/description").asText()).isEqualTo("edited");
        assertThat(fetched.json().at("/note/last_updated_time/value").asLong()).isEqualTo(T0 + 60_000);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(sim.notes(id)).isEmpty();
        assertThat(client.get("/requests/" + id + "/notes/" + noteId).status()).isEqualTo(404);
        assertThat(sim.request(id).get("has_notes").asBoolean()).isFalse();
    }

    @Test
    void noteWithoutDescriptionIs4012AndNoteOnUnknownRequestIs404() {
        SdpTestClient.Response empty = client.post("/requests/" + id + "/notes", "{\"note\":{\"description\":\"\"}}");
        SdpTestClient.Response unknown = client.post("/requests/999999999999999/notes",
                "{\"note\":{\"description\":\"x\"}}");

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4012);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void worklogsRoundTrip() {
        SdpTestClient.Response created = client.post("/requests/" + id + "/worklogs", """
                {"worklog":{"description":"Replaced router","owner":{"email_id":"tech@example.com"},
                 "time_spent":{"hours":1,"minutes":30},
                 "start_time":{"value":"1717430400000"},"end_time":{"value":"1717435800000"}}}""");
        String worklogId = created.json().at("/worklog/id").asText();

        SdpTestClient.Response updated = client.put("/requests/" + id + "/worklogs/" + worklogId,
                "{\"worklog\":{\"time_spent\":{\"hours\":\"2\",\"minutes\":\"75\"}}}");
        String agentWorklog = sim.addWorklogDirect(id, "On site", Duration.ofMinutes(45));
        SdpTestClient.Response list = client.get("/requests/" + id + "/worklogs");

        assertThat(created.status()).isEqualTo(201);
        JsonNode worklog = created.json().get("worklog");
        assertThat(worklog.get("description").asText()).isEqualTo("Replaced router");
        assertThat(worklog.get("owner").get("email_id").asText()).isEqualTo("tech@example.com");
        assertThat(worklog.get("owner").get("name").asText()).isEqualTo("Tech");
        assertThat(worklog.get("time_spent")).isEqualTo(json("{\"hours\":\"1\",\"minutes\":\"30\"}"));
        assertThat(worklog.get("start_time")).isEqualTo(json(
                "{\"value\":\"1717430400000\",\"display_value\":\"Jun 3, 2024 04:00 PM\"}"));
        assertThat(worklog.at("/end_time/display_value").asText()).isEqualTo("Jun 3, 2024 05:30 PM");
        assertThat(updated.json().at("/worklog/time_spent")).isEqualTo(json("{\"hours\":\"3\",\"minutes\":\"15\"}"));
        assertThat(updated.json().at("/worklog/description").asText()).isEqualTo("Replaced router");
        assertThat(list.json().get("worklogs")).hasSize(2);
        assertThat(list.json().at("/worklogs/1/id").asText()).isEqualTo(agentWorklog);
        assertThat(list.json().at("/worklogs/1/time_spent")).isEqualTo(json("{\"hours\":\"0\",\"minutes\":\"45\"}"));

        assertThat(client.delete("/requests/" + id + "/worklogs/" + worklogId).status()).isEqualTo(200);
        assertThat(sim.worklogs(id)).hasSize(1);
    }

    @Test
    void worklogEndingBeforeItStartsIs4016() {
        SdpTestClient.Response response = client.post("/requests/" + id + "/worklogs", """
                {"worklog":{"start_time":{"value":"1717435800000"},"end_time":{"value":"1717430400000"}}}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4016);
    }

    @Test
    void resolutionIsSetReadAndReflectedInTheRequest() {
        clock.advance(Duration.ofMinutes(2));
        SdpTestClient.Response posted = client.post("/requests/" + id + "/resolutions",
                "{\"resolution\":{\"content\":\"Rebooted the router\",\"add_to_linked_requests\":false}}");
        SdpTestClient.Response put = client.put("/requests/" + id + "/resolutions",
                "{\"resolution\":{\"content\":\"Replaced the router\"}}");

        SdpTestClient.Response read = client.get("/requests/" + id + "/resolutions");

        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().at("/resolution/content").asText()).isEqualTo("Rebooted the router");
        assertThat(put.status()).isEqualTo(200);
        assertThat(read.json().at("/resolution/content").asText()).isEqualTo("Replaced the router");
        assertThat(read.json().at("/resolution/submitted_by/name").asText()).isEqualTo("TicketBridge Integration");
        assertThat(sim.request(id).at("/resolution/content").asText()).isEqualTo("Replaced the router");
        assertThat(sim.request(id).at("/last_updated_time/value").asLong()).isGreaterThan(T0 + 120_000 - 1);
    }

    @Test
    void closeWithoutResolutionViolatesTheClosureRule() {
        SdpTestClient.Response response = client.put("/requests/" + id + "/close", """
                {"request":{"closure_info":{"closure_code":{"name":"Success"},"closure_comments":"Fixed",
                 "requester_ack_resolution":true,"requester_ack_comments":""}}}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4003,
                 "type":"failed","message":"Closure rule violation. The following fields should be filled : resolution",
                 "fields":["resolution"]}]}}"""));
        assertThat(sim.request(id).at("/status/name").asText()).isEqualTo("Open");
        SdpTestClient.Response viaUpdate = client.put("/requests/" + id, "{\"request\":{\"status\":{\"name\":\"Closed\"}}}");
        assertThat(viaUpdate.status()).isEqualTo(400);
        assertThat(viaUpdate.json().at("/response_status/messages/0/status_code").asInt()).isEqualTo(4003);
    }

    @Test
    void closeWithResolutionClosesAndStoresClosureInfo() {
        sim.setResolutionDirect(id, "Router replaced");

        SdpTestClient.Response response = client.put("/requests/" + id + "/_close", """
                {"request":{"closure_info":{"closure_code":{"name":"Success"},"closure_comments":"Fixed"}}}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode request = sim.request(id);
        assertThat(request.at("/status/name").asText()).isEqualTo("Closed");
        assertThat(request.at("/closure_info/closure_code/name").asText()).isEqualTo("Success");
        assertThat(request.at("/closure_info/closure_code/id").asText()).isNotEmpty();
        assertThat(request.at("/closure_info/closure_comments").asText()).isEqualTo("Fixed");
        assertThat(request.at("/completed_time/value").asText()).matches("\\d{13}");
    }

    @Test
    void unknownClosureCodeIs4001() {
        sim.setResolutionDirect(id, "done");

        SdpTestClient.Response response = client.put("/requests/" + id + "/close",
                "{\"request\":{\"closure_info\":{\"closure_code\":{\"name\":\"Vanished\"}}}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/response_status/messages/0/field").asText()).isEqualTo("closure_code");
    }
}
