package io.ticketbridge.outbox;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The durable outbox against a scripted vendor: retries with backoff and Retry-After, timeouts and
 * resets, giving up, no retry on rejection or bad credentials, per-ticket order, and the operator
 * actions (process, retry, cancel). Each test has its own stub and integration (own circuit breaker).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRetryTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    TestRuntime rt;
    ApiClient api;
    FaultStub stub;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.jobs.retry.initial-delay-ms", "200",
                "ticketbridge.jobs.poll-interval-ms", "100"));
        api = rt.createSpace("jobs").client();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    @BeforeEach
    void newStub() {
        stub = new FaultStub();
    }

    @AfterEach
    void closeStub() {
        stub.close();
    }

    String integration(Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>(Map.of("path", "/hook"));
        c.putAll(config);
        return ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "hook-" + java.util.UUID
                .randomUUID(), "base_url", stub.baseUrl(), "credentials", Map.of("token", "job-token-123456"),
                "config", c)), 201).get("id").asText();
    }

    String integration() {
        return integration(Map.of());
    }

    String enqueue(String integrationId, Map<String, Object> payload) {
        return enqueue(integrationId, payload, null);
    }

    String enqueue(String integrationId, Map<String, Object> payload, String ticketId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integration_id", integrationId);
        body.put("kind", "post");
        body.put("payload", payload);
        if (ticketId != null) {
            body.put("ticket_id", ticketId);
        }
        ApiClient.Response r = api.post("/api/jobs", body);
        JsonNode job = ok(r, 202);
        assertThat(r.header("Location")).contains("/api/jobs/" + job.get("id").asText());
        return job.get("id").asText();
    }

    JsonNode job(String id) {
        return ok(api.get("/api/jobs/" + id), 200);
    }

    JsonNode awaitStatus(String id, String status) {
        await().atMost(WAIT).until(() -> job(id).get("status").asText().equals(status));
        return job(id);
    }

    void drainPaused(boolean paused) throws Exception {
        if (paused) {
            rt.context().getRouteController().stopRoute("outbox-drain");
        } else {
            rt.context().getRouteController().startRoute("outbox-drain");
        }
    }

    @Test
    void twoUnavailableAnswersThenSuccessTakesThreeAttemptsWithOneIdempotencyKey() {
        stub.respond(503).respond(503);
        String id = enqueue(integration(), Map.of("text", "hello", "n", 1));
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(done.get("last_status").asInt()).isEqualTo(200);
        assertThat(done.get("completed_at").isNull()).isFalse();
        List<FaultStub.Recorded> posts = stub.posts();
        assertThat(posts).hasSize(3);
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo("/hook");
            assertThat(p.headers().get("idempotency-key")).isEqualTo(id);
            assertThat(p.headers().get("authorization")).isEqualTo("Bearer job-token-123456");
            assertThat(Json.read(p.body())).isEqualTo(Json.toNode(Map.of("text", "hello", "n", 1)));
        });
        // backoff: 200 ms, then 400 ms
        assertThat(posts.get(1).atMillis() - posts.get(0).atMillis()).isGreaterThanOrEqualTo(200);
        assertThat(posts.get(2).atMillis() - posts.get(1).atMillis()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aWaitingJobShowsItsLastErrorStatusAndNextAttempt() {
        stub.respond(503, Map.of("Retry-After", "2"), "{\"error\":\"maintenance\"}");
        String id = enqueue(integration(), Map.of("n", 1));
        await().atMost(WAIT).until(() -> job(id).get("attempts").asInt() == 1
                && job(id).get("status").asText().equals("pending"));
        JsonNode waiting = job(id);
        assertThat(waiting.get("last_status").asInt()).isEqualTo(503);
        assertThat(waiting.get("last_error").asText()).contains("503");
        Instant next = Instant.parse(waiting.get("next_attempt_at").asText());
        Instant firstSent = Instant.ofEpochMilli(stub.posts().get(0).atMillis());
        assertThat(next).isAfterOrEqualTo(firstSent.plusSeconds(2)).isBefore(firstSent.plusSeconds(4));
        JsonNode listed = ok(api.get("/api/jobs?status=pending&integration_id=" + waiting.get("integration_id")
                .asText()), 200);
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("last_error").asText()).contains("503");
        assertThat(awaitStatus(id, "succeeded").get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void retryAfterOnA429DelaysTheNextAttempt() {
        stub.respond(429, Map.of("Retry-After", "2"), "{\"error\":\"slow down\"}");
        String id = enqueue(integration(), Map.of("n", 1));
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        List<FaultStub.Recorded> posts = stub.posts();
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).atMillis() - posts.get(0).atMillis()).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void anAnswerSlowerThanTheIntegrationsTimeoutIsRetried() {
        stub.delay(Duration.ofMillis(2000));
        String id = enqueue(integration(Map.of("timeout_ms", 300)), Map.of("n", 1));
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(stub.posts()).hasSize(2);
        assertThat(stub.posts().get(1).atMillis() - stub.posts().get(0).atMillis()).isLessThan(2000);
    }

    @Test
    void aResetConnectionIsRetried() {
        stub.reset();
        String id = enqueue(integration(), Map.of("n", 1));
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(stub.posts()).hasSize(2);
        assertThat(stub.posts()).allSatisfy(p -> assertThat(p.headers().get("idempotency-key")).isEqualTo(id));
    }

    @Test
    void exhaustingTheRetriesFailsTheJobAfterFourAttempts() {
        for (int i = 0; i < 4; i++) {
            stub.respond(503);
        }
        String id = enqueue(integration(), Map.of("n", 1));
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(4);
        assertThat(failed.get("max_attempts").asInt()).isEqualTo(4);
        assertThat(failed.get("last_status").asInt()).isEqualTo(503);
        assertThat(failed.get("last_error").asText()).contains("503");
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> stub.posts().size() == 4);
    }

    @Test
    void aRejectedRequestFailsAtOnceWithTheVendorsReason() {
        stub.respond(400, Map.of(), "{\"error\":\"subject is required\"}");
        String id = enqueue(integration(), Map.of("n", 1));
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_status").asInt()).isEqualTo(400);
        assertThat(failed.get("last_error").asText()).contains("subject is required");
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> stub.posts().size() == 1);
    }

    @Test
    void refusedCredentialsFailAtOnce() {
        stub.respond(401);
        String id = enqueue(integration(), Map.of("n", 1));
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_status").asInt()).isEqualTo(401);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> stub.posts().size() == 1);
    }

    @Test
    void jobsOfOneTicketArriveInCreationOrderEvenWhenTheFirstNeedsRetries() throws Exception {
        String integrationId = integration();
        String ticket = ok(api.post("/api/tickets", Map.of("subject", "ordered")), 201).get("id").asText();
        String otherTicket = ok(api.post("/api/tickets", Map.of("subject", "independent")), 201).get("id").asText();
        // only the ticket's first job is refused, twice
        stub.respondTo("\"step\":1", 503).respondTo("\"step\":1", 503);
        String first;
        String second;
        String third;
        String other;
        drainPaused(true);
        try {
            first = enqueue(integrationId, Map.of("step", 1), ticket);
            second = enqueue(integrationId, Map.of("step", 2), ticket);
            other = enqueue(integrationId, Map.of("step", 99), otherTicket);
            third = enqueue(integrationId, Map.of("step", 3), ticket);
        } finally {
            drainPaused(false);
        }
        for (String id : List.of(first, second, third, other)) {
            awaitStatus(id, "succeeded");
        }
        assertThat(job(first).get("attempts").asInt()).isEqualTo(3);
        List<String> keys = stub.posts().stream().map(p -> p.headers().get("idempotency-key")).toList();
        assertThat(keys.stream().filter(k -> !k.equals(other)).toList())
                .containsExactly(first, first, first, second, third);
        // one ticket's retries do not hold back another ticket
        assertThat(keys.indexOf(other)).isLessThan(keys.lastIndexOf(first));
    }

    @Test
    void processSendsDueJobsNowAndAnswersTheCounts() throws Exception {
        TestRuntime.Space s = rt.createSpace("process");
        String integrationId = ok(s.client().post("/api/integrations", Map.of("platform", "webhook", "name", "p",
                "base_url", stub.baseUrl())), 201).get("id").asText();
        List<String> ids = new java.util.ArrayList<>();
        drainPaused(true);
        try {
            for (int i = 1; i <= 3; i++) {
                ids.add(ok(s.client().post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                        "payload", Map.of("n", i))), 202).get("id").asText());
            }
            assertThat(stub.posts()).isEmpty();
            JsonNode r = ok(s.client().post("/api/jobs/process", Map.of("wait_seconds", 10)), 200);
            assertThat(r.get("processed").asBoolean()).isTrue();
            assertThat(r.get("pending").asLong()).isZero();
            assertThat(r.get("in_flight").asLong()).isZero();
            assertThat(r.get("failed").asLong()).isZero();
            // done by the time process answered, with the scheduled drain stopped
            assertThat(stub.posts()).hasSize(3);
            for (String id : ids) {
                assertThat(ok(s.client().get("/api/jobs/" + id), 200).get("status").asText()).isEqualTo("succeeded");
            }
        } finally {
            drainPaused(false);
        }
    }

    @Test
    void aFailedJobCanBeRetriedAndIsThenDelivered() {
        stub.respond(400);
        String id = enqueue(integration(), Map.of("n", 1));
        awaitStatus(id, "failed");
        assertError(api.post("/api/jobs/" + id + "/cancel", null), 409);

        JsonNode retried = ok(api.post("/api/jobs/" + id + "/retry", null), 200);
        assertThat(retried.get("id").asText()).isEqualTo(id);
        assertThat(retried.get("status").asText()).isIn("pending", "in_flight", "succeeded");
        JsonNode done = awaitStatus(id, "succeeded");
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(stub.posts()).hasSize(2);
        assertThat(stub.posts()).allSatisfy(p -> assertThat(p.headers().get("idempotency-key")).isEqualTo(id));
        JsonNode again = assertError(api.post("/api/jobs/" + id + "/retry", null), 409);
        assertThat(again.get("message").asText()).contains("succeeded");
    }

    @Test
    void aCancelledJobIsNeverSent() throws Exception {
        String integrationId = integration();
        String cancelled;
        drainPaused(true);
        try {
            cancelled = enqueue(integrationId, Map.of("n", 1));
            JsonNode c = ok(api.post("/api/jobs/" + cancelled + "/cancel", null), 200);
            assertThat(c.get("status").asText()).isEqualTo("cancelled");
            assertError(api.post("/api/jobs/" + cancelled + "/cancel", null), 409);
        } finally {
            drainPaused(false);
        }
        String delivered = enqueue(integrationId, Map.of("n", 2));
        awaitStatus(delivered, "succeeded");
        assertThat(stub.posts()).extracting(p -> p.headers().get("idempotency-key")).containsExactly(delivered);
        assertThat(job(cancelled).get("status").asText()).isEqualTo("cancelled");
        assertThat(job(cancelled).get("attempts").asInt()).isZero();
    }

    @Test
    void aBadJobIsRefusedAndNothingIsQueued() {
        String integrationId = integration();
        assertError(api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "delete",
                "payload", Map.of())), 400);
        String foreign = ok(rt.admin().post("/api/tickets", Map.of("subject", "default space")), 201)
                .get("id").asText();
        assertError(api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                "payload", Map.of(), "ticket_id", foreign)), 400);
        assertError(api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                "payload", "text")), 400);
        // larger than the outbox can store, though within the API's body limit
        assertError(api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                "payload", Map.of("blob", "b".repeat(1_030_000)))), 400);
        assertThat(ok(api.get("/api/jobs?integration_id=" + integrationId), 200).get("total").asLong()).isZero();
    }
}
