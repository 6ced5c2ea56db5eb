package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Change requests: types, the per-type state model and its business-rule refusal, close data policy. */
class ServiceNowChangeRequestTest {

    private static final String STATE_RULE = "{\"error\":{\"message\":\"Operation Failed\",\"detail\":"
            + "\"Operation against file 'change_request' was aborted by Business Rule 'Change Model: Check State"
            + " Transition^5a9a8e5fc3d02200b0449f2974d3ae6a'. Business Rule Stack:Change Model: Check State Transition\"},"
            + "\"status\":\"failure\"}";

    private final ServiceNowSimulator sim = ServiceNowSimulator.start();
    private final SnClient client = SnClient.basic(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    private String create(String type) {
        SnClient.Response created = client.post("/api/now/table/change_request", "{\"short_description\":\"Deploy\","
                + "\"type\":\"" + type + "\",\"risk\":\"2\",\"impact\":\"2\",\"assignment_group\":\"Release Management\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.result().get("sys_id").asText();
    }

    private SnClient.Response state(String id, String state) {
        return client.patch("/api/now/table/change_request/" + id, "{\"state\":\"" + state + "\"}");
    }

    @Test
    void skippingAStateOfANormalChangeIs403FromTheBusinessRule() {
        String id = create("normal");

        SnClient.Response skipped = state(id, "-1");

        assertThat(skipped.status()).isEqualTo(403);
        assertThat(skipped.json()).isEqualTo(json(STATE_RULE));
        assertThat(sim.record("change_request", id)).containsEntry("state", "-5");
    }

    @Test
    void aNormalChangeWalksEveryStateToClosed() {
        String id = create("normal");

        for (String next : List.of("-4", "-3", "-2", "-1", "0")) {
            assertThat(state(id, next).status()).as("to " + next).isEqualTo(200);
        }
        SnClient.Response closeWithoutCode = state(id, "3");
        SnClient.Response closed = client.patch("/api/now/table/change_request/" + id,
                "{\"state\":\"3\",\"close_code\":\"successful\",\"close_notes\":\"Deployed\"}");

        assertThat(closeWithoutCode.json()).isEqualTo(json("""
                {"error":{"message":"Operation Failed",
                 "detail":"Data Policy Exception: \\n\\tThe following fields are mandatory: Close code, Close notes\\n"},
                 "status":"failure"}"""));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.result().get("active").asText()).isEqualTo("false");
        assertThat(state(id, "-5").status()).isEqualTo(403);
    }

    @Test
    void standardAndEmergencyChangesSkipTheirPreAuthorisedStates() {
        String standard = create("standard");
        String emergency = create("emergency");

        assertThat(state(standard, "-4").status()).isEqualTo(403);
        assertThat(state(standard, "-2").status()).isEqualTo(200);
        assertThat(state(emergency, "-4").status()).isEqualTo(403);
        assertThat(state(emergency, "-3").status()).isEqualTo(200);
        assertThat(state(emergency, "-2").status()).isEqualTo(200);
    }

    @Test
    void cancelIsAllowedUntilImplementButNotFromReview() {
        String early = create("normal");
        String late = create("standard");
        for (String next : List.of("-2", "-1", "0")) {
            state(late, next);
        }

        assertThat(state(early, "4").status()).isEqualTo(200);
        assertThat(state(late, "4").status()).isEqualTo(403);
    }

    @Test
    void assessNeedsAnAssignmentGroupAndTypesAreValidated() {
        SnClient.Response created = client.post("/api/now/table/change_request", "{\"short_description\":\"x\"}");
        String id = created.result().get("sys_id").asText();

        SnClient.Response assess = state(id, "-4");
        SnClient.Response badType = client.post("/api/now/table/change_request", "{\"type\":\"urgent\"}");

        assertThat(created.result().get("type").asText()).isEqualTo("normal");
        assertThat(assess.json().at("/error/detail").asText())
                .isEqualTo("Data Policy Exception: \n\tThe following fields are mandatory: Assignment group\n");
        assertThat(badType.status()).isEqualTo(403);
        assertThat(badType.json().at("/error/detail").asText())
                .isEqualTo("Data Policy Exception: \n\tInvalid value 'urgent' for Type\n");
    }
}
