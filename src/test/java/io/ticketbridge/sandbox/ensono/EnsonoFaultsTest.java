package io.ticketbridge.sandbox.ensono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsonoFaultsTest extends SimulatorTestBase {

    @Test
    void delayedCallTimesOutClientSideButIsStillProcessed() {
        sim.delayNext(1, Duration.ofMillis(1500));

        assertThatThrownBy(() -> http.sendOrThrow("POST", "/tickets", fixture("create-incident.json"), API_KEY,
                Duration.ofMillis(200)))
                .isInstanceOf(HttpTimeoutException.class);

        // the ambiguous outcome a client must handle: it timed out, yet the ticket exists at Ensono
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.ticketCount() == 1);
        assertThat(http.post("/tickets", fixture("create-incident.json")).body()).isEqualTo("{\"Response\":\"e-CS0000002\"}");
    }

    @Test
    void failNextAnswersTheScriptedFailureWithoutProcessing() {
        sim.failNext(2, 503, "{\"message\":\"Service Unavailable\"}");

        HttpResponse<String> first = http.post("/tickets", fixture("create-incident.json"));
        HttpResponse<String> second = http.post("/tickets", fixture("create-incident.json"));
        HttpResponse<String> third = http.post("/tickets", fixture("create-incident.json"));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.body()).isEqualTo("{\"Response\":\"e-CS0000001\"}");
        assertThat(sim.ticketCount()).isEqualTo(1);
        assertThat(sim.requests()).hasSize(3);
    }

    @Test
    void resetConnectionDropsTheCallWithoutProcessing() {
        sim.resetConnectionNext(1);

        assertThatThrownBy(() -> http.sendOrThrow("POST", "/tickets", fixture("create-incident.json"), API_KEY,
                Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(sim.ticketCount()).isZero();
        assertThat(http.post("/tickets", fixture("create-incident.json")).statusCode()).isEqualTo(200);
    }

    @Test
    void journalRecordsRequestsAsReceived() {
        String number = createTicket();
        http.put("/tickets/" + number, fixture("update-short-description.json"));

        List<RecordedRequest> requests = sim.requests();

        assertThat(requests).extracting(RecordedRequest::method).containsExactly("POST", "PUT");
        assertThat(requests).extracting(RecordedRequest::path)
                .containsExactly("/acme/dev/tickets", "/acme/dev/tickets/" + number);
        RecordedRequest update = requests.get(1);
        assertThat(update.header("X-API-KEY")).hasValue(API_KEY);
        assertThat(update.header("content-type")).hasValue("application/json");
        assertThat(update.body()).isEqualTo(fixture("update-short-description.json"));
        assertThat(update.payload().fieldNames()).toIterable()
                .containsExactly("clientName", "ticketType", "clientTicketNumber", "shortDescription");

        sim.clearRequests();
        assertThat(sim.requests()).isEmpty();
    }
}
