package io.ticketbridge.outbox;

import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The per-integration circuit breaker: opens on unavailability, holds jobs back, lets them through after the wait. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitBreakerTest {

    static final long OPEN_WAIT_MS = 3000;

    TestRuntime rt;
    ApiClient api;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.jobs.retry.initial-delay-ms", "200",
                "ticketbridge.jobs.breaker.minimum-calls", "2", "ticketbridge.jobs.breaker.window", "2",
                "ticketbridge.jobs.breaker.open-wait-ms", String.valueOf(OPEN_WAIT_MS)));
        api = rt.createSpace("breaker").client();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    String integration(FaultStub stub, String name) {
        return ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", name,
                "base_url", stub.baseUrl())), 201).get("id").asText();
    }

    String enqueue(String integrationId, int n, Integer maxAttempts) {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("integration_id", integrationId, "kind", "post",
                "payload", Map.of("n", n)));
        if (maxAttempts != null) {
            body.put("max_attempts", maxAttempts);
        }
        return ok(api.post("/api/jobs", body), 202).get("id").asText();
    }

    JsonNode job(String id) {
        return ok(api.get("/api/jobs/" + id), 200);
    }

    String breaker(String integrationId) {
        return ok(api.get("/api/integrations/" + integrationId + "/stats"), 200).get("circuitBreaker").asText();
    }

    @Test
    void anOpenBreakerHoldsJobsBackUntilTheOpenWaitHasPassed() {
        try (FaultStub stub = new FaultStub()) {
            String id = integration(stub, "flaky");
            stub.respond(503).respond(503);
            String tripping = enqueue(id, 0, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> job(tripping).get("status").asText().equals("failed"));
            assertThat(breaker(id)).isEqualTo("OPEN");
            assertThat(stub.posts()).hasSize(2);
            long openedAt = stub.posts().get(1).atMillis();

            String a = enqueue(id, 1, null);
            String b = enqueue(id, 2, null);
            // nothing reaches the vendor while the breaker is open
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofMillis(2500))
                    .until(() -> stub.posts().size() == 2);
            JsonNode held = job(a);
            assertThat(held.get("status").asText()).isEqualTo("pending");
            assertThat(held.get("attempts").asInt()).isZero();
            assertThat(held.get("last_error").asText()).containsIgnoringCase("circuit breaker");
            JsonNode alsoHeld = job(b);
            assertThat(alsoHeld.get("status").asText()).isEqualTo("pending");
            assertThat(alsoHeld.get("last_error").asText()).containsIgnoringCase("circuit breaker");
            JsonNode health = ok(api.get("/api/integrations/" + id + "/health"), 200);
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.get("healthy").asBoolean()).isFalse();
            assertThat(health.get("circuitBreaker").asText()).isEqualTo("OPEN");

            // after the open wait a trial call goes through, closes the breaker, and the rest follow
            await().atMost(Duration.ofSeconds(10)).until(() -> List.of(a, b).stream()
                    .allMatch(j -> job(j).get("status").asText().equals("succeeded")));
            List<FaultStub.Recorded> posts = stub.posts();
            assertThat(posts).hasSize(4);
            assertThat(posts.get(2).atMillis() - openedAt).isGreaterThanOrEqualTo(OPEN_WAIT_MS);
            assertThat(posts.subList(2, 4)).extracting(p -> p.headers().get("idempotency-key")).containsExactly(a, b);
            assertThat(job(a).get("attempts").asInt()).isEqualTo(1);
            assertThat(breaker(id)).isEqualTo("CLOSED");
        }
    }

    @Test
    void rejectionsDoNotOpenTheBreaker() {
        try (FaultStub stub = new FaultStub()) {
            String id = integration(stub, "picky");
            stub.respond(400).respond(422).respond(400);
            List<String> rejected = List.of(enqueue(id, 1, null), enqueue(id, 2, null), enqueue(id, 3, null));
            await().atMost(Duration.ofSeconds(10)).until(() -> rejected.stream()
                    .allMatch(j -> job(j).get("status").asText().equals("failed")));
            assertThat(breaker(id)).isEqualTo("CLOSED");
            String next = enqueue(id, 4, null);
            await().atMost(Duration.ofSeconds(2)).until(() -> job(next).get("status").asText().equals("succeeded"));
            assertThat(stub.posts()).hasSize(4);
        }
    }
}
