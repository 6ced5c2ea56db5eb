package io.ticketbridge.outbox;

import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/** Nothing accepted is lost across a restart, and nothing delivered is sent again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRestartTest {

    TestRuntime rt;
    String spaceKey;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.jobs.retry.initial-delay-ms", "200",
                "ticketbridge.jobs.retry.max-delay-ms", "1000",
                // keep the breaker out of the way: this is about durability
                "ticketbridge.jobs.breaker.minimum-calls", "1000", "ticketbridge.jobs.breaker.window", "1000"));
        spaceKey = rt.createSpace("restart").apiKey();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    ApiClient api() {
        return rt.client(spaceKey);
    }

    String enqueue(String integrationId, Map<String, Object> payload, String ticketId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integration_id", integrationId);
        body.put("kind", "post");
        body.put("payload", payload);
        body.put("max_attempts", 20);
        if (ticketId != null) {
            body.put("ticket_id", ticketId);
        }
        return ok(api().post("/api/jobs", body), 202).get("id").asText();
    }

    JsonNode job(String id) {
        return ok(api().get("/api/jobs/" + id), 200);
    }

    @Test
    void jobsQueuedWhileTheVendorIsDownAreDeliveredExactlyOnceAfterARestart() {
        int port = TestRuntime.freePort(); // the vendor is down: nothing listens there yet
        String integrationId = ok(api().post("/api/integrations", Map.of("platform", "webhook", "name", "down",
                "base_url", "http://127.0.0.1:" + port, "config", Map.of("path", "/in"))), 201).get("id").asText();
        String ticket = ok(api().post("/api/tickets", Map.of("subject", "ordered across restart")), 201)
                .get("id").asText();
        List<String> ordered = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ordered.add(enqueue(integrationId, Map.of("ticket_step", i), ticket));
        }
        all.addAll(ordered);
        all.add(enqueue(integrationId, Map.of("free", 1), null));
        all.add(enqueue(integrationId, Map.of("free", 2), null));
        List<String> attempted = List.of(ordered.get(0), all.get(3), all.get(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempted.stream().allMatch(id -> {
            JsonNode j = job(id);
            return j.get("attempts").asInt() >= 1 && !j.get("last_error").isNull();
        }));
        assertThat(job(ordered.get(0)).get("last_error").asText()).contains("connection");

        rt.restart();

        try (FaultStub vendor = new FaultStub(port)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> all.stream()
                    .allMatch(id -> job(id).get("status").asText().equals("succeeded")));
            // no second delivery of anything that succeeded
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3))
                    .until(() -> vendor.posts().size() == all.size());
            List<String> keys = vendor.posts().stream().map(p -> p.headers().get("idempotency-key")).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(all);
            assertThat(keys.stream().filter(ordered::contains).toList()).containsExactlyElementsOf(ordered);
        }
        assertThat(ok(api().get("/api/jobs?integration_id=" + integrationId), 200).get("total").asLong())
                .isEqualTo(all.size());
    }

    @Test
    void aJobLeftInFlightByAStoppedProcessIsPendingAgainAndDeliveredOnce() throws Exception {
        try (FaultStub vendor = new FaultStub()) {
            String integrationId = ok(api().post("/api/integrations", Map.of("platform", "webhook",
                    "name", "in-flight", "base_url", vendor.baseUrl())), 201).get("id").asText();
            rt.context().getRouteController().stopRoute("outbox-drain");
            String id = enqueue(integrationId, Map.of("n", 1), null);
            // as if the previous process claimed it and died mid-call
            int rows = rt.hub().jdbi.withHandle(h -> h.createUpdate("update jobs set status='in_flight',"
                            + " lease_owner='node-gone', lease_until=:until, attempts=1 where id=:id")
                    .bind("until", Timestamp.from(Instant.now().plus(Duration.ofHours(1)))).bind("id", id).execute());
            assertThat(rows).isEqualTo(1);
            assertThat(job(id).get("status").asText()).isEqualTo("in_flight");

            rt.restart();

            await().atMost(Duration.ofSeconds(10)).until(() -> job(id).get("status").asText().equals("succeeded"));
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                    .until(() -> vendor.posts().size() == 1);
            assertThat(vendor.posts().get(0).headers().get("idempotency-key")).isEqualTo(id);
            assertThat(job(id).get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aCallInProgressAtShutdownFinishesAndIsNotSentAgain() {
        try (FaultStub vendor = new FaultStub()) {
            vendor.delay(Duration.ofMillis(1500));
            String integrationId = ok(api().post("/api/integrations", Map.of("platform", "webhook",
                    "name", "slow", "base_url", vendor.baseUrl())), 201).get("id").asText();
            String id = enqueue(integrationId, Map.of("n", 1), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> vendor.posts().size() == 1);

            rt.restart(); // graceful: the running call may finish

            await().atMost(Duration.ofSeconds(10)).until(() -> job(id).get("status").asText().equals("succeeded"));
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3))
                    .until(() -> vendor.posts().size() == 1);
            assertThat(job(id).get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void everythingStoredSurvivesARestart() {
        ApiClient api = api();
        String ticket = ok(api.post("/api/tickets", Map.of("subject", "durable", "priority", "urgent")), 201)
                .get("id").asText();
        ok(api.post("/api/tickets/" + ticket + "/comments", Map.of("body", "still here")), 201);
        String integrationId = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "durable",
                "base_url", "http://127.0.0.1:9", "credentials", Map.of("token", "durable-token-123456"))), 201)
                .get("id").asText();

        rt.restart();

        assertThat(ok(api.get("/api/tickets/" + ticket), 200).get("priority").asText()).isEqualTo("urgent");
        assertThat(ok(api.get("/api/tickets/" + ticket + "/comments"), 200).get("items").get(0).get("body").asText())
                .isEqualTo("still here");
        JsonNode i = ok(api.get("/api/integrations/" + integrationId), 200);
        assertThat(i.get("credentials").get("fields").get(0).asText()).isEqualTo("token");
    }
}
