package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.sandbox.support.RecordedRequest;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scripted failures, delays and dropped connections, and the request journal. */
class ServiceNowFaultsTest {

    private final ServiceNowSimulator sim = ServiceNowSimulator.start();
    private final SnClient client = SnClient.basic(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void failNextAnswersTheScriptedResponseWithoutTouchingState() {
        sim.failNext(2, 503, Map.of("Retry-After", "5"), "Service Unavailable");

        SnClient.Response first = client.post("/api/now/table/incident", "{\"short_description\":\"a\"}");
        SnClient.Response second = client.get("/api/now/table/incident");
        SnClient.Response third = client.post("/api/now/table/incident", "{\"short_description\":\"a\"}");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isEqualTo("5");
        assertThat(first.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(first.text()).isEqualTo("Service Unavailable");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(201);
        assertThat(sim.records("incident")).hasSize(1);
        assertThat(sim.pendingFaults()).isZero();
    }

    @Test
    void failNextWithAJsonBodyIsSentAsJson() {
        String body = SnError.body("Operation Failed", "scripted");
        sim.failNext(1, 500, body);

        SnClient.Response failed = client.get("/api/now/table/incident");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(failed.text()).isEqualTo(body);
    }

    @Test
    void delayNextHoldsTheCallThenHandlesIt() {
        sim.delayNext(1, Duration.ofMillis(400));

        long start = System.nanoTime();
        SnClient.Response delayed = client.post("/api/now/table/incident", "{\"short_description\":\"slow\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(delayed.status()).isEqualTo(201);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(sim.records("incident")).hasSize(1);
    }

    @Test
    void resetConnectionNextDropsTheConnectionWithoutAnAnswer() {
        sim.resetConnectionNext(1);

        assertThatThrownBy(() -> client.post("/api/now/table/incident", "{\"short_description\":\"lost\"}"))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(sim.records("incident")).isEmpty();
        assertThat(client.post("/api/now/table/incident", "{\"short_description\":\"ok\"}").status()).isEqualTo(201);

        sim.resetConnectionNext(2);
        assertThatThrownBy(() -> client.get("/api/now/table/incident")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void faultsSkipTheTokenEndpointAndComeBeforeAuth() {
        sim.failNext(1, 502, "Bad Gateway");

        SnClient.Response token = SnClient.postForm(sim.tokenUrl(), fields("grant_type", "client_credentials",
                "client_id", "sandbox-oauth-client", "client_secret", "sandbox-oauth-secret"));
        SnClient.Response unauthenticated = new SnClient(sim.baseUrl(), null).get("/api/now/table/incident");

        assertThat(token.status()).isEqualTo(200);
        assertThat(unauthenticated.status()).isEqualTo(502);
    }

    @Test
    void theJournalRecordsEveryRequestAsReceived() {
        sim.failNext(1, 500, "x");
        client.post("/api/now/table/incident?sysparm_fields=sys_id", "{\"short_description\":\"a\"}");
        client.get("/api/now/table/incident?sysparm_query=active%3Dtrue&sysparm_limit=5");

        List<RecordedRequest> requests = sim.requests();

        assertThat(requests).hasSize(2);
        RecordedRequest post = requests.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/api/now/table/incident");
        assertThat(post.query()).isEqualTo("sysparm_fields=sys_id");
        assertThat(post.header("content-type")).isEqualTo("application/json");
        assertThat(post.header("Accept")).isEqualTo("application/json");
        assertThat(post.bodyAsString()).isEqualTo("{\"short_description\":\"a\"}");
        assertThat(requests.get(1).queryParam("sysparm_query")).isEqualTo("active=true");
        assertThat(requests.get(1).receivedAt()).isNotNull();
        assertThat(requests.get(1).toString()).isEqualTo(
                "GET /api/now/table/incident?sysparm_query=active%3Dtrue&sysparm_limit=5 (0 bytes)");

        sim.clearRequests();
        assertThat(sim.requests()).isEmpty();
    }
}
