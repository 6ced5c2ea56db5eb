package io.ticketbridge.sandbox.ensono;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The curl-able agent endpoints, and the ReturnEnsonoNum transaction that follows a client create. */
class EnsonoAgentHttpTest extends SimulatorTestBase {

    private BridgeHttp control() {
        return new BridgeHttp(sim.serverUrl() + "/_sim", null);
    }

    @Test
    void agentLifecycleOverHttpNeedsNoApiKey() {
        BridgeHttp control = control();

        HttpResponse<String> created = control.send("POST", "/agent/tickets", "{\"shortDescription\":\"Disk full\"}", null, Duration.ofSeconds(5));
        String number = BridgeHttp.json(created).path("ticketNumber").asText();
        HttpResponse<String> note = control.send("POST", "/agent/tickets/" + number + "/notes",
                "{\"body\":\"Looking\",\"commenter\":\"Sam\"}", null, Duration.ofSeconds(5));
        HttpResponse<String> resolve = control.send("POST", "/agent/tickets/" + number + "/resolve",
                "{\"closeNotes\":\"Freed space\"}", null, Duration.ofSeconds(5));
        HttpResponse<String> close = control.send("POST", "/agent/tickets/" + number + "/close",
                "{\"closeNotes\":\"Freed space\",\"closeCode\":\"Solved\"}", null, Duration.ofSeconds(5));
        HttpResponse<String> reopenClosed = control.send("POST", "/agent/tickets/" + number + "/reopen", null, null, Duration.ofSeconds(5));
        HttpResponse<String> unknown = control.send("POST", "/agent/tickets/e-CS0000999/update", "{}", null, Duration.ofSeconds(5));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(number).isEqualTo("e-CS0000001");
        assertThat(note.statusCode()).isEqualTo(200);
        assertThat(resolve.statusCode()).isEqualTo(200);
        assertThat(close.statusCode()).isEqualTo(200);
        assertThat(reopenClosed.statusCode()).isEqualTo(409);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode ticket = BridgeHttp.json(control.get("/tickets/" + number));
        assertThat(ticket.path("status").asText()).isEqualTo("closed");
        assertThat(ticket.path("closeCode").asText()).isEqualTo("Solved");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void clientCreateIsFollowedByReturnEnsonoNum() {
        String number = createTicket();

        JsonNode message = BridgeHttp.json(http.get("/queue")).path("ReceiveMessageResponse")
                .path("ReceiveMessageResult").path("messages").get(0);

        assertThat(message.path("Attributes").path("TransactionType").asText()).isEqualTo("ReturnEnsonoNum");
        assertThat(message.path("Attributes").path("ClientReferenceAvailable").booleanValue()).isTrue();
        assertThat(message.path("Attributes").path("MessageGroupId").asText()).isEqualTo(number);
        assertThat(message.path("Body").toString()).isEqualTo("{\"clientName\":\"acme\",\"ticketNumber\":\"" + number
                + "\",\"clientTicketNumber\":\"INC0099001\",\"ticketType\":\"Incident\"}");
    }

    @Test
    void getTicketOutsideDevIsBadPath() {
        String queue = sqs.createFifoQueue("acme-prod-getcheck.fifo");
        try (EnsonoSimulator prod = EnsonoSimulator.builder().clientName(CLIENT).env("prod").apiKey(API_KEY)
                .sqs(sqs.client(), queue).start()) {
            BridgeHttp prodHttp = new BridgeHttp(prod.baseUrl(), API_KEY);
            String number = BridgeHttp.json(prodHttp.post("/tickets", fixture("create-incident.json"))).path("Response").asText();

            HttpResponse<String> response = prodHttp.get("/tickets/" + number);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"Response\":\"Bad Path\"}");
        }
    }
}
