package io.ticketbridge.sandbox.sdp;

import static io.ticketbridge.sandbox.sdp.SdpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpSimulatorFaultsTest {

    // 250 ms into a second, so the window has 750 ms left: Retry-After must still round up to 1.
    private final TestClock clock = new TestClock(1_717_430_400_250L);
    private SdpSimulator sim;
    private SdpTestClient client;

    @BeforeEach
    void start() {
        sim = SdpSimulator.start(new SdpSimulator.Options().clock(clock).rateLimitPerSecond(3));
        client = SdpTestClient.onPrem(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void overTheRateLimitIs429WithRetryAfterUntilTheWindowMoves() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/requests").status()).isEqualTo(200);
        }

        SdpTestClient.Response throttled = client.get("/requests");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4015,
                 "type":"failed","message":"API Rate Limit reached"}]}}"""));
        assertThat(client.get("/requests").status()).isEqualTo(429);
        assertThat(sim.count429()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.get("/requests").status()).isEqualTo(200);

        sim.rateLimit(0);
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/requests").status()).isEqualTo(200);
        }
    }

    @Test
    void failNextAnswersTheScriptedResponseWithoutTouchingState() {
        sim.rateLimit(0);
        sim.failNext(2, 503, Map.of("Retry-After", "5"), "{\"message\":\"maintenance\"}");

        SdpTestClient.Response first = client.post("/requests", "{\"request\":{\"subject\":\"a\"}}");
        SdpTestClient.Response second = client.get("/requests");
        SdpTestClient.Response third = client.post("/requests", "{\"request\":{\"subject\":\"a\"}}");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(first.text()).isEqualTo("{\"message\":\"maintenance\"}");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(201);
        assertThat(sim.requestCount()).isEqualTo(1);
        assertThat(sim.pendingFaults()).isZero();
    }

    @Test
    void scriptedSdpErrorsUseTheMatchingHttpStatusAndScripted429sAreCounted() {
        sim.rateLimit(0);
        sim.failNextWithSdpError(1, SdpErrors.INTERNAL_ERROR, null, null);
        sim.failNextWithSdpError(1, SdpErrors.FORBIDDEN, "priority", "Cannot give value for priority");
        sim.failNext(1, 429, Map.of("Retry-After", "7"), SdpErrors.body(SdpErrors.RATE_LIMITED, null, "slow down"));

        SdpTestClient.Response internal = client.get("/requests");
        SdpTestClient.Response forbidden = client.get("/requests");
        SdpTestClient.Response throttled = client.get("/requests");

        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.json()).isEqualTo(json("""
                {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4004,
                 "type":"failed"}]}}"""));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().at("/response_status/messages/0/field").asText()).isEqualTo("priority");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(sim.count429()).isEqualTo(1);
    }

    @Test
    void delayNextMakesAShortTimeoutFireWhileTheCallStillLands() {
        sim.rateLimit(0);
        sim.delayNext(1, Duration.ofMillis(1500));

        HttpRequest create = SdpTestClient.withForm(client.request("/requests"), "POST",
                "{\"request\":{\"subject\":\"slow create\"}}").timeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> client.sendChecked(create)).isInstanceOf(HttpTimeoutException.class);
        // The server finishes the delayed call after the client gave up: the classic duplicate-create trap.
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.requestCount() == 1);
        assertThat(client.get("/requests").status()).isEqualTo(200);
    }

    @Test
    void delayNextWithinTheTimeoutIsJustSlow() {
        sim.rateLimit(0);
        sim.delayNext(1, Duration.ofMillis(300));

        long started = System.nanoTime();
        SdpTestClient.Response response = client.get("/requests");

        assertThat(response.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void resetConnectionNextClosesTheSocketWithoutAResponse() {
        sim.rateLimit(0);
        sim.resetConnectionNext(1);

        HttpRequest create = SdpTestClient.withForm(client.request("/requests"), "POST",
                "{\"request\":{\"subject\":\"lost\"}}").build();

        assertThatThrownBy(() -> client.sendChecked(create))
                .isInstanceOf(java.io.IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(sim.requestCount()).isZero();
        assertThat(sim.requests()).hasSize(1);
        assertThat(client.post("/requests", "{\"request\":{\"subject\":\"kept\"}}").status()).isEqualTo(201);
    }

    @Test
    void theJdkClientRetriesAResetGetOnceSoTwoResetsReachIt() {
        sim.rateLimit(0);
        sim.clearRequests();
        sim.resetConnectionNext(2);

        HttpRequest list = client.request("/requests").GET().build();

        assertThatThrownBy(() -> client.sendChecked(list)).isInstanceOf(java.io.IOException.class);
        assertThat(sim.requests()).hasSize(2);
        assertThat(sim.pendingFaults()).isZero();
    }

    @Test
    void faultsApplyInTheOrderScheduled() {
        sim.rateLimit(0);
        sim.failNext(1, 502, Map.of(), "bad gateway");
        sim.resetConnectionNext(1);

        assertThat(client.get("/requests").status()).isEqualTo(502);
        HttpRequest create = SdpTestClient.withForm(client.request("/requests"), "POST",
                "{\"request\":{\"subject\":\"x\"}}").build();
        assertThatThrownBy(() -> client.sendChecked(create)).isInstanceOf(java.io.IOException.class);
        assertThat(client.get("/requests").status()).isEqualTo(200);
    }

    @Test
    void concurrentCreatesGetUniqueIdsAndDisplayIds() throws Exception {
        sim.rateLimit(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    SdpTestClient own = SdpTestClient.onPrem(sim);
                    for (int i = 0; i < 25; i++) {
                        ids.add(own.create("{\"subject\":\"parallel\"}"));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ids).hasSize(200);
        assertThat(sim.requestCount()).isEqualTo(200);
        Set<String> displayIds = ConcurrentHashMap.newKeySet();
        ids.forEach(id -> displayIds.add(sim.request(id).get("display_id").asText()));
        assertThat(displayIds).hasSize(200);
    }
}
