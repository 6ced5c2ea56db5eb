package io.ticketbridge.sandbox.ensono;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnsonoTicketApiTest extends SimulatorTestBase {

    @Test
    void createReturnsIncrementingEnsonoNumbersAndStoresTheTicket() {
        HttpResponse<String> first = http.post("/tickets", fixture("create-incident.json"));
        HttpResponse<String> second = http.post("/tickets", fixture("create-incident.json"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"Response\":\"e-CS0000001\"}");
        assertThat(second.body()).isEqualTo("{\"Response\":\"e-CS0000002\"}");
        assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(sim.ticketCount()).isEqualTo(2);
        JsonNode ticket = sim.ticket("e-CS0000001").orElseThrow();
        assertThat(ticket.path("clientTicketNumber").asText()).isEqualTo("INC0099001");
        assertThat(ticket.path("status").asText()).isEqualTo("open");
        assertThat(ticket.path("priority").asText()).isEqualTo("2");
        assertThat(ticket.path("group").asText()).isEqualTo("Ensono Service Desk");
        assertThat(ticket.path("contactEmail").asText()).isEqualTo("jane@acme.example");
        assertThat(ticket.path("cis").asText()).isEqualTo("vpn-gw-01,vpn-gw-02");
        assertThat(ticket.path("comments")).hasSize(1);
        assertThat(ticket.path("comments").get(0).path("body").asText()).isEqualTo("Initial triage done");
    }

    @Test
    void invalidPriorityDefaultsToThreeAndImpactUrgencyDerivePriority() {
        String invalid = fixture("create-incident.json").replace("\"priority\":\"2\"", "\"priority\":\"9\"");
        String number = BridgeHttp.json(http.post("/tickets", invalid)).path("Response").asText();
        String impactStyle = fixture("create-incident.json")
                .replace("\"priority\":\"2\"", "\"impact\":\"1\",\"urgency\":\"2\"");
        String second = BridgeHttp.json(http.post("/tickets", impactStyle)).path("Response").asText();

        assertThat(sim.ticket(number).orElseThrow().path("priority").asText()).isEqualTo("3");
        JsonNode derived = sim.ticket(second).orElseThrow();
        assertThat(derived.path("priority").asText()).isEqualTo("2");
        assertThat(derived.path("impact").asText()).isEqualTo("1");
        assertThat(derived.path("urgency").asText()).isEqualTo("2");
    }

    @Test
    void unknownGroupIsRejectedWithServiceNowArrayIncludingItsTypo() {
        String body = fixture("create-incident.json").replace("Ensono Service Desk", "Nonexistent Group");

        HttpResponse<String> response = http.post("/tickets", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                "{\"Response\":[\"assigment_group sys_id or name not found.\",\"This ticket cannot be created.\"]}");
        assertThat(sim.ticketCount()).isZero();
    }

    @Test
    void misspeltClientNameHasNoMapping() {
        String body = fixture("create-incident.json").replace("\"clientName\":\"acme\"", "\"clientName\":\"acme \"");

        HttpResponse<String> response = http.post("/tickets", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"Response\":\"Unable to find mapping for ClientName \"}");
    }

    @Test
    void createValidatesRequiredFieldsAndLengths() {
        String noEmail = fixture("create-incident.json").replace("\"contactEmail\":\"jane@acme.example\",", "");
        String longShort = fixture("create-incident.json").replace("\"VPN down\"", "\"" + "x".repeat(161) + "\"");
        String badType = fixture("create-incident.json").replace("\"Incident\"", "\"Change\"");

        assertThat(http.post("/tickets", noEmail).body()).isEqualTo("{\"Response\":\"Missing required field: contactEmail\"}");
        assertThat(http.post("/tickets", longShort).body())
                .isEqualTo("{\"Response\":\"shortDescription exceeds 160 characters\"}");
        assertThat(http.post("/tickets", badType).body()).isEqualTo("{\"Response\":\"Invalid ticketType: Change\"}");
        assertThat(sim.ticketCount()).isZero();
    }

    @Test
    void bodyWithoutPayloadObjectIsALambdaCrash() {
        HttpResponse<String> response = http.post("/tickets", "not json");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
    }

    @Test
    void updateAppliesOnlyTheChangedFields() {
        String number = createTicket();

        HttpResponse<String> response = http.put("/tickets/" + number, fixture("update-short-description.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"Response\":\"Update Successful\"}");
        JsonNode ticket = sim.ticket(number).orElseThrow();
        assertThat(ticket.path("shortDescription").asText()).isEqualTo("VPN down at Leeds site");
        assertThat(ticket.path("description").asText()).isEqualTo("Site VPN tunnel down since 09:00");
        assertThat(ticket.path("priority").asText()).isEqualTo("2");
        assertThat(ticket.path("status").asText()).isEqualTo("open");
    }

    @Test
    void resolvingWithoutCloseNotesIsRejectedAndLeavesTheTicketOpen() {
        String number = createTicket();

        HttpResponse<String> response = http.put("/tickets/" + number, fixture("update-resolve-without-close-notes.json"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"Response\":\"closeNotes is required when status is resolved\"}");
        assertThat(sim.ticket(number).orElseThrow().path("status").asText()).isEqualTo("open");
    }

    @Test
    void resolveThenCloseThenNoMoreUpdates() {
        String number = createTicket();

        assertThat(http.put("/tickets/" + number, fixture("update-resolve.json")).body())
                .isEqualTo("{\"Response\":\"Update Successful\"}");
        assertThat(sim.ticket(number).orElseThrow().path("closeNotes").asText()).isEqualTo("Tunnel re-keyed");
        assertThat(http.put("/tickets/" + number, fixture("update-close.json")).body())
                .isEqualTo("{\"Response\":\"Ticket Closed Successfully\"}");
        HttpResponse<String> afterClose = http.put("/tickets/" + number, fixture("update-short-description.json"));

        assertThat(afterClose.statusCode()).isEqualTo(400);
        assertThat(afterClose.body()).isEqualTo("{\"Response\":\"Ticket " + number + " is closed and cannot be updated\"}");
        assertThat(sim.ticket(number).orElseThrow().path("status").asText()).isEqualTo("closed");
    }

    @Test
    void ticketsTheKeyCannotSeeAreNotAuthorized() {
        HttpResponse<String> response = http.put("/tickets/e-CS9999999", fixture("update-short-description.json"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"Response\":\"APIKey not authorized for ticket company\"}");
    }

    @Test
    void returnPtnRecordsTheClientTicketNumber() {
        String number = sim.agentCreate(BridgeHttp.MAPPER.createObjectNode());
        assertThat(sim.ticket(number).orElseThrow().path("clientTicketNumber").asText()).isEmpty();

        HttpResponse<String> response = http.put("/tickets/" + number + "/returnptn", fixture("returnptn.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"Response\":\"PTN added\"}");
        assertThat(sim.ticket(number).orElseThrow().path("clientTicketNumber").asText()).isEqualTo("INC0099002");
    }

    @Test
    void notesAreAddedInBothIdentityFieldSpellings() {
        String number = createTicket();
        String ticketNumberVariant = fixture("notes.json").replace("\"clientTicketNumber\"", "\"ticketNumber\"");

        HttpResponse<String> response = http.put("/tickets/" + number + "/notes", fixture("notes.json"));
        HttpResponse<String> variant = http.put("/tickets/" + number + "/notes", ticketNumberVariant);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"Response\":\"Comments added\"}");
        assertThat(variant.body()).isEqualTo("{\"Response\":\"Comments added\"}");
        JsonNode comments = sim.ticket(number).orElseThrow().path("comments");
        assertThat(comments).hasSize(5); // one from the create, two per notes call
        assertThat(comments.get(1).path("body").asText()).isEqualTo("Comment 1");
        assertThat(comments.get(1).path("commenterPhone").asText()).isEqualTo("555-909-2395");
    }

    @Test
    void notesWithoutCommentsAreRejected() {
        String number = createTicket();
        String body = "{\"payload\":{\"clientName\":\"acme\",\"ticketType\":\"Incident\",\"clientTicketNumber\":\"INC0099001\"}}";

        HttpResponse<String> response = http.put("/tickets/" + number + "/notes", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"Response\":\"Missing required field: comments\"}");
    }

    @Test
    void getTicketReturnsServiceNowFieldsInDev() {
        String number = createTicket();

        HttpResponse<String> response = http.get("/tickets/" + number);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode incident = BridgeHttp.json(response).path("Response").path("incident");
        assertThat(incident.path("number").asText()).isEqualTo("CS0000001");
        assertThat(incident.path("state").asText()).isEqualTo("Open");
        assertThat(incident.path("short_description").asText()).isEqualTo("VPN down");
        assertThat(incident.path("x_aito_data_sync_client_number").asText()).isEqualTo("INC0099001");
    }

    @Test
    void badOrMissingApiKeyIsForbidden() {
        HttpResponse<String> wrong = http.send("POST", "/tickets", fixture("create-incident.json"), "wrong-key", Duration.ofSeconds(5));
        HttpResponse<String> missing = http.send("GET", "/queue", null, null, Duration.ofSeconds(5));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(wrong.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(sim.ticketCount()).isZero();
    }

    @Test
    void wrongCaseOrUnknownPathOrMethodIsMissingAuthenticationToken() {
        String token = "{\"message\":\"Missing Authentication Token\"}";
        BridgeHttp wrongEnvCase = new BridgeHttp(sim.serverUrl() + "/acme/Dev", API_KEY);

        assertThat(http.post("/Tickets", fixture("create-incident.json")).body()).isEqualTo(token);
        assertThat(wrongEnvCase.post("/tickets", fixture("create-incident.json")).body()).isEqualTo(token);
        assertThat(http.delete("/tickets").body()).isEqualTo(token);
        assertThat(http.get("/tickets/e-CS0000001/history").body()).isEqualTo(token);
        HttpResponse<String> response = http.get("/nothing");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    }

    @Test
    void unknownClientSegmentIsForbidden() {
        BridgeHttp otherClient = new BridgeHttp(sim.serverUrl() + "/globex/dev", API_KEY);

        HttpResponse<String> response = otherClient.post("/tickets", fixture("create-incident.json"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    }

    @Test
    void aChangeApprovalMustNameThePendingApprovalAndIsTakenOnce() {
        String number = sim.agentCreate(Json.object().put("ticketType", "Change").put("shortDescription", "Patch"));
        String approvalId = sim.agentRequestApproval(number, "Ann", "ann@acme.example");
        String answer = "{\"payload\":{\"clientName\":\"acme\",\"ticketType\":\"Change\",\"clientTicketNumber\":"
                + "\"CHG1\",\"approver\":\"ann@acme.example\",\"approvalId\":\"%s\",\"comments\":[{\"body\":\"ok\"}]}}";

        HttpResponse<String> wrongId = http.post("/tickets/" + number + "/approve", answer.formatted("nope"));
        HttpResponse<String> incident = http.post("/tickets/" + number + "/approve",
                answer.formatted(approvalId).replace("\"Change\"", "\"Incident\""));
        HttpResponse<String> approved = http.post("/tickets/" + number + "/approve", answer.formatted(approvalId));
        HttpResponse<String> again = http.post("/tickets/" + number + "/reject", answer.formatted(approvalId));

        assertThat(wrongId.statusCode()).isEqualTo(400);
        assertThat(wrongId.body()).isEqualTo("{\"Response\":\"No approval nope is pending on " + number + "\"}");
        assertThat(incident.body()).isEqualTo("{\"Response\":\"Invalid ticketType: Incident\"}");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).isEqualTo("{\"Response\":\" Approval Received Successfully\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        JsonNode ticket = sim.ticket(number).orElseThrow();
        assertThat(ticket.path("approval").asText()).isEqualTo("approved");
        assertThat(ticket.path("approvals")).hasSize(1);
        assertThat(ticket.path("comments").get(0).path("body").asText()).isEqualTo("ok");
    }
}
