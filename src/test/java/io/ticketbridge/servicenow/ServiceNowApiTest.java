package io.ticketbridge.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.servicenow.ServiceNowSimulator;
import io.ticketbridge.sandbox.support.RecordedRequest;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 002's API end to end, over real HTTP, against the ServiceNow simulator. */
class ServiceNowApiTest {

    static ServiceNowSimulator sim;
    static TestRuntime rt;
    static TestRuntime.Space space;
    static ApiClient api;

    @BeforeAll
    static void boot() {
        sim = ServiceNowSimulator.builder().user("admin", "sn-admin-password").closeCodes("Solved (Permanently)",
                "Solved (Work Around)", "Not Solved (Not Reproducible)").start();
        rt = TestRuntime.start();
        space = rt.createSpace("seed-002");
        api = space.client();
        ApiClient.Response created = api.post("/api/servicenow/config", Map.of("instance_url", sim.baseUrl(),
                "username", "admin", "password", "sn-admin-password"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        rt.close();
        sim.close();
    }

    @Test
    void theConfigurationShowsNoPasswordAndTestsTheConnection() {
        JsonNode config = api.get("/api/servicenow/config").json();
        assertThat(config.get("instance_url").asText()).isEqualTo(sim.baseUrl());
        assertThat(config.get("username").asText()).isEqualTo("admin");
        assertThat(config.toString()).doesNotContain("sn-admin-password");
        JsonNode test = api.post("/api/servicenow/test", null).json();
        assertThat(test.get("success").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.get("message").asText()).isEqualTo("Connection successful");
        assertThat(test.get("instance").asText()).isEqualTo(sim.baseUrl());
        // a POST on a configured space updates it (like PUT); another space sees none
        ApiClient.Response again = api.post("/api/servicenow/config", Map.of("instance_url", sim.baseUrl(),
                "username", "admin", "password", "sn-admin-password", "timeout_ms", 20000));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(config.get("id").asText());
        assertThat(again.json().at("/config/timeout_ms").asInt()).isEqualTo(20000);
        SdpTestBed.assertError(rt.createSpace("other-002").client().get("/api/servicenow/config"), 404, "not_found");
        // a wrong password fails the test without leaking it
        TestRuntime.Space wrong = rt.createSpace("wrong-002");
        wrong.client().post("/api/servicenow/config", Map.of("instance_url", sim.baseUrl(), "username", "admin",
                "password", "not-the-password"));
        JsonNode failed = wrong.client().post("/api/servicenow/test", null).json();
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.toString()).doesNotContain("not-the-password");
    }

    @Test
    void theSeedsOperationsReachTheInstance() {
        JsonNode incident = api.post("/api/servicenow/incidents", Map.of("short_description",
                "Application error on production server", "description", "Stack trace", "urgency", "1",
                "impact", "2", "category", "Software", "subcategory", "Application")).json();
        String sysId = incident.get("sys_id").asText();
        assertThat(incident.get("number").asText()).startsWith("INC");
        Map<String, String> stored = sim.record("incident", sysId);
        assertThat(stored).containsEntry("urgency", "1").containsEntry("impact", "2")
                .containsEntry("category", "Software").containsEntry("subcategory", "Application");
        RecordedRequest post = sim.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/now/table/incident")).reduce((a, b) -> b).orElseThrow();
        assertThat(post.header("Authorization")).startsWith("Basic ");

        ApiClient.Response updated = api.patch("/api/servicenow/incidents/" + sysId, Map.of("state", "2"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(sim.record("incident", sysId)).containsEntry("state", "2");

        ApiClient.Response note = api.post("/api/servicenow/incidents/" + sysId + "/work-notes",
                Map.of("work_note", "Identified the root cause"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        assertThat(sim.journal(sysId)).anySatisfy(j -> {
            assertThat(j.get("element")).isEqualTo("work_notes");
            assertThat(j.get("value")).isEqualTo("Identified the root cause");
        });

        List<String> found = new java.util.ArrayList<>();
        api.get("/api/servicenow/incidents?state=2&limit=10").json().get("items")
                .forEach(i -> found.add(i.path("sys_id").asText()));
        assertThat(found).contains(sysId);

        ApiClient.Response closed = api.post("/api/servicenow/incidents/" + sysId + "/close", Map.of(
                "close_notes", "Issue resolved by restarting the service", "close_code", "Solved (Permanently)"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(sim.record("incident", sysId)).containsEntry("state", "6")
                .containsEntry("close_code", "Solved (Permanently)");

        JsonNode change = api.post("/api/servicenow/change-requests", Map.of("short_description",
                "Deploy new authentication system", "type", "normal", "risk", "2", "impact", "2")).json();
        assertThat(change.get("number").asText()).startsWith("CHG");
        assertThat(sim.record("change_request", change.get("sys_id").asText())).containsEntry("type", "normal")
                .containsEntry("risk", "2");
    }

    @Test
    void badInputIsA400AndAnUnknownCloseCodeIsTheInstancesRefusal() {
        SdpTestBed.assertValidation(api.post("/api/servicenow/incidents", Map.of("urgency", "9")),
                "short_description", "urgency");
        SdpTestBed.assertValidation(api.post("/api/servicenow/change-requests", Map.of("short_description", "x",
                "type", "sideways")), "type");
        String sysId = api.post("/api/servicenow/incidents", Map.of("short_description", "to close")).json()
                .get("sys_id").asText();
        JsonNode refused = SdpTestBed.assertError(api.post("/api/servicenow/incidents/" + sysId + "/close",
                Map.of("close_notes", "done", "close_code", "Because I said so")), 422, "rejected_by_vendor");
        assertThat(refused.get("message").asText()).contains("Solved (Permanently)");
        SdpTestBed.assertError(api.patch("/api/servicenow/incidents/not-a-sys-id", Map.of("state", "2")), 404,
                "not_found");
    }
}
