package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Incident state model: hold reason, data policy on resolve, close codes per instance, direct close. */
class ServiceNowIncidentStateTest {

    private static final String MANDATORY_BOTH = """
            {"error":{"message":"Operation Failed",
             "detail":"Data Policy Exception: \\n\\tThe following fields are mandatory: Resolution code, Resolution notes\\n"},
             "status":"failure"}""";

    private ServiceNowSimulator sim = ServiceNowSimulator.builder().closeCodes("Solution provided", "Duplicate").start();
    private SnClient client = SnClient.basic(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    private SnClient.Response patch(String id, String json) {
        return client.patch("/api/now/table/incident/" + id, json);
    }

    @Test
    void resolveWithoutCloseFieldsIs403DataPolicy() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response neither = patch(id, "{\"state\":\"6\"}");
        SnClient.Response noNotes = patch(id, "{\"state\":\"6\",\"close_code\":\"Solution provided\"}");

        assertThat(neither.status()).isEqualTo(403);
        assertThat(neither.json()).isEqualTo(json(MANDATORY_BOTH));
        assertThat(noNotes.status()).isEqualTo(403);
        assertThat(noNotes.json().at("/error/detail").asText())
                .isEqualTo("Data Policy Exception: \n\tThe following fields are mandatory: Resolution notes\n");
        assertThat(sim.record("incident", id)).containsEntry("state", "1").containsEntry("close_code", "")
                .containsEntry("sys_mod_count", "0");
    }

    @Test
    void resolveWithCloseFieldsInTheSamePatchSucceeds() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response resolved = patch(id, """
                {"work_notes":"Replaced toner","state":"6","close_code":"Solution provided","close_notes":"Toner replaced"}""");

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.result().get("state").asText()).isEqualTo("6");
        assertThat(resolved.result().get("incident_state").asText()).isEqualTo("6");
        assertThat(resolved.result().get("resolved_at").asText()).isNotEmpty();
        assertThat(resolved.result().get("resolved_by").get("value").asText())
                .isEqualTo(ServiceNowSimulator.userSysId("ticketbridge.integration"));
        assertThat(resolved.result().get("active").asText()).isEqualTo("true");
        assertThat(sim.journal(id)).hasSize(1);
    }

    @Test
    void closeCodesAreValidatedAgainstTheInstancesList() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response legacy = patch(id, "{\"state\":\"6\",\"close_code\":\"Solved (Permanently)\",\"close_notes\":\"x\"}");

        assertThat(legacy.status()).isEqualTo(403);
        assertThat(legacy.json()).isEqualTo(json("""
                {"error":{"message":"Operation Failed",
                 "detail":"Data Policy Exception: \\n\\tInvalid value 'Solved (Permanently)' for Resolution code\\n"},
                 "status":"failure"}"""));
        assertThat(patch(id, "{\"state\":\"6\",\"close_code\":\"Duplicate\",\"close_notes\":\"x\"}").status())
                .isEqualTo(200);
    }

    @Test
    void directCloseIsRefusedByDefaultButCloseAfterResolveWorks() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response direct = patch(id, "{\"state\":\"7\",\"close_code\":\"Duplicate\",\"close_notes\":\"x\"}");
        SnClient.Response resolved = patch(id, "{\"state\":\"6\",\"close_code\":\"Duplicate\",\"close_notes\":\"x\"}");
        SnClient.Response closed = patch(id, "{\"state\":\"7\"}");

        assertThat(direct.status()).isEqualTo(403);
        assertThat(direct.json()).isEqualTo(json("""
                {"error":{"message":"Operation Failed",
                 "detail":"Data Policy Exception: \\n\\tThe following fields are read only: State\\n"},"status":"failure"}"""));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.result().get("active").asText()).isEqualTo("false");
        assertThat(closed.result().get("closed_at").asText()).isNotEmpty();
    }

    @Test
    void directCloseIsAllowedWhereTheInstanceAllowsIt() {
        sim.close();
        sim = ServiceNowSimulator.builder().allowDirectClose(true).start();
        client = SnClient.basic(sim);
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response withoutFields = patch(id, "{\"state\":\"7\"}");
        SnClient.Response closed = patch(id,
                "{\"state\":\"7\",\"close_code\":\"Solution provided\",\"close_notes\":\"done\"}");

        assertThat(withoutFields.json()).isEqualTo(json(MANDATORY_BOTH));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.result().get("state").asText()).isEqualTo("7");
        assertThat(closed.result().get("resolved_at").asText()).isNotEmpty();
    }

    @Test
    void closedIncidentsAreReadOnly() {
        String id = client.createIncident("{\"short_description\":\"a\"}");
        patch(id, "{\"state\":\"8\"}");

        SnClient.Response reopen = patch(id, "{\"state\":\"2\"}");

        assertThat(reopen.status()).isEqualTo(403);
        assertThat(reopen.json().at("/error/detail").asText())
                .isEqualTo("ACL Exception Update Failed due to security constraints");
    }

    @Test
    void onHoldNeedsAHoldReasonWhichIsClearedOnLeaving() {
        String id = client.createIncident("{\"short_description\":\"a\"}");

        SnClient.Response noReason = patch(id, "{\"state\":\"3\"}");
        SnClient.Response held = patch(id, "{\"state\":\"3\",\"hold_reason\":\"4\"}");
        SnClient.Response resumed = patch(id, "{\"state\":\"2\"}");

        assertThat(noReason.status()).isEqualTo(403);
        assertThat(noReason.json().at("/error/detail").asText())
                .isEqualTo("Data Policy Exception: \n\tThe following fields are mandatory: On hold reason\n");
        assertThat(held.status()).isEqualTo(200);
        assertThat(resumed.result().get("hold_reason").asText()).isEmpty();
    }

    @Test
    void creatingAnIncidentAlreadyResolvedFollowsTheSameRules() {
        SnClient.Response refused = client.post("/api/now/table/incident", "{\"short_description\":\"a\",\"state\":\"6\"}");
        SnClient.Response unknownState = client.post("/api/now/table/incident", "{\"state\":\"5\"}");

        assertThat(refused.json()).isEqualTo(json(MANDATORY_BOTH));
        assertThat(unknownState.status()).isEqualTo(403);
        assertThat(sim.records("incident")).isEmpty();
    }
}
