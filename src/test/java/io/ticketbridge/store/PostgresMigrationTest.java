package io.ticketbridge.store;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same Flyway migrations and SQL on a real PostgreSQL: runs when TICKETBRIDGE_TEST_PG_URL (with
 * TICKETBRIDGE_TEST_PG_USER / TICKETBRIDGE_TEST_PG_PASSWORD) names a database this test may wipe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMigrationTest {

    static final String URL = System.getenv("TICKETBRIDGE_TEST_PG_URL");
    static final String USER = System.getenv("TICKETBRIDGE_TEST_PG_USER");
    static final String PASSWORD = System.getenv("TICKETBRIDGE_TEST_PG_PASSWORD");

    TestRuntime rt;
    ApiClient api;
    FaultStub stub;

    @BeforeAll
    void boot() throws Exception {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(), "TICKETBRIDGE_TEST_PG_URL is not set");
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop schema if exists public cascade");
            s.execute("create schema public");
        }
        rt = TestRuntime.start(Map.of("ticketbridge.db.url", URL, "ticketbridge.db.user", USER == null ? "" : USER,
                "ticketbridge.db.password", PASSWORD == null ? "" : PASSWORD,
                "ticketbridge.jobs.retry.initial-delay-ms", "200"));
        api = rt.createSpace("pg").client();
        stub = new FaultStub();
    }

    @AfterAll
    void stop() {
        if (stub != null) {
            stub.close();
        }
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    void theStoreIsPostgresqlMigratedByFlyway() {
        assertThat(rt.hub().database.vendor()).isEqualTo("postgresql");
        List<String> versions = rt.hub().jdbi.withHandle(h -> h.createQuery(
                "select version from flyway_schema_history where success order by installed_rank")
                .mapTo(String.class).list());
        assertThat(versions).contains("1");
        JsonNode ready = new ApiClient(rt.managementUrl(), null).get("/observe/health/ready?data=true").json();
        assertThat(ready.get("status").asText()).isEqualTo("UP");
        assertThat(ready.toString()).contains("postgresql");
    }

    @Test
    void oldInboxRecordsArePrunedInSlices() {
        io.ticketbridge.runtime.StoreRetentionTest.assertPrunes(rt.hub(), "pg-retention");
    }

    @Test
    void theSyncLedgerIsKeyedByTicket() {
        SyncLedgerTest.assertLedger(rt, rt.createSpace("pg-ledger").client());
    }

    @Test
    void ticketsCommentsAndAttachmentsRoundTrip() {
        JsonNode t = ok(api.post("/api/tickets", Map.of("subject", "On Postgres", "priority", "high",
                "cis", List.of("db-1"), "custom_fields", Map.of("site", "Leeds"), "due_at", "2026-03-01T10:00:00Z")),
                201);
        String id = t.get("id").asText();
        assertThat(t.get("number").asText()).matches("TB-\\d+");
        JsonNode patched = ok(api.patch("/api/tickets/" + id, Map.of("status", "in_progress", "version", 1)), 200);
        assertThat(patched.get("version").asLong()).isEqualTo(2);
        assertError(api.patch("/api/tickets/" + id, Map.of("status", "open", "version", 1)), 409);
        JsonNode got = ok(api.get("/api/tickets/" + id), 200);
        assertThat(got.get("due_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(got.get("custom_fields").get("site").asText()).isEqualTo("Leeds");
        assertThat(got.get("cis").get(0).asText()).isEqualTo("db-1");

        ok(api.post("/api/tickets/" + id + "/comments", Map.of("body", "pg comment", "public", false)), 201);
        ok(api.post("/api/tickets/" + id + "/time-logs", Map.of("minutes", 15)), 201);
        ok(api.put("/api/tickets/" + id + "/resolution", Map.of("content", "done", "status", "closed")), 200);
        assertThat(ok(api.get("/api/tickets/" + id + "/comments"), 200).get("items").get(0).get("public")
                .asBoolean()).isFalse();

        byte[] content = new byte[50_000];
        new Random(5).nextBytes(content);
        JsonNode a = ok(api.upload("/api/tickets/" + id + "/attachments", "file", "dump.bin",
                "application/octet-stream", content), 201);
        ApiClient.Response dl = api.get("/api/tickets/" + id + "/attachments/" + a.get("id").asText() + "/content");
        assertThat(dl.body()).isEqualTo(content);
        assertThat(dl.header("X-Content-SHA256")).contains(Hashes.sha256(content));

        Instant before = Instant.now().minusSeconds(5);
        JsonNode filtered = ok(api.get("/api/tickets?status=closed&priority=high&updated_since=" + before), 200);
        assertThat(filtered.get("total").asLong()).isEqualTo(1);
        assertThat(api.delete("/api/tickets/" + id).status()).isEqualTo(204);
        assertError(api.get("/api/tickets/" + id), 404);
    }

    @Test
    void listsPage() {
        TestRuntime.Space s = rt.createSpace("pg-paging");
        for (int i = 0; i < 5; i++) {
            ok(s.client().post("/api/tickets", Map.of("subject", "p" + i)), 201);
        }
        JsonNode p = ok(s.client().get("/api/tickets?page=2&page_size=2"), 200);
        assertThat(p.get("total").asLong()).isEqualTo(5);
        assertThat(p.get("items")).hasSize(2);
        assertThat(p.get("has_more").asBoolean()).isTrue();
        JsonNode audit = ok(s.client().get("/api/audit/logs?page=3&page_size=2"), 200);
        assertThat(audit.get("total").asLong()).isEqualTo(5);
        assertThat(audit.get("items")).hasSize(1);
        assertThat(audit.get("has_more").asBoolean()).isFalse();
        assertThat(audit.get("items").get(0).get("action").asText()).isEqualTo("POST /api/tickets");
    }

    @Test
    void integrationCredentialsAreEncryptedAndNamesUnique() {
        String token = "pg-token-" + java.util.UUID.randomUUID();
        JsonNode i = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "pg-hook",
                "base_url", stub.baseUrl(), "credentials", Map.of("token", token))), 201);
        assertThat(i.toString()).doesNotContain(token);
        String stored = rt.hub().jdbi.withHandle(h -> h.createQuery("select credentials from integrations where id=:id")
                .bind("id", i.get("id").asText()).mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(token);
        assertError(api.post("/api/integrations", Map.of("platform", "webhook", "name", "pg-hook",
                "base_url", stub.baseUrl())), 409);
        assertError(rt.admin().post("/api/spaces", Map.of("name", "pg")), 409);
    }

    @Test
    void jobsAreClaimedRetriedOrderedAndAudited() {
        String token = "pg-job-token-" + java.util.UUID.randomUUID();
        String integrationId = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "pg-jobs",
                "base_url", stub.baseUrl(), "credentials", Map.of("token", token))), 201).get("id").asText();
        String ticket = ok(api.post("/api/tickets", Map.of("subject", "pg ordered")), 201).get("id").asText();
        stub.respond(503);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("integration_id", integrationId, "kind", "post",
                    "payload", Map.of("step", i), "ticket_id", ticket));
            ids.add(ok(api.post("/api/jobs", body), 202).get("id").asText());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream()
                .allMatch(id -> ok(api.get("/api/jobs/" + id), 200).get("status").asText().equals("succeeded")));
        assertThat(ok(api.get("/api/jobs/" + ids.get(0)), 200).get("attempts").asInt()).isEqualTo(2);
        List<String> keys = stub.posts().stream().map(p -> p.headers().get("idempotency-key"))
                .filter(ids::contains).toList();
        assertThat(keys).containsExactly(ids.get(0), ids.get(0), ids.get(1), ids.get(2));

        // a lease that ran out (another node died mid-call) is taken over
        String orphan = ok(api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                "payload", Map.of("orphan", true))), 202).get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ok(api.get("/api/jobs/" + orphan), 200).get("status").asText().equals("succeeded"));
        int rows = rt.hub().jdbi.withHandle(h -> h.createUpdate("update jobs set status='in_flight',"
                        + " lease_owner='node-gone', lease_until=:past, attempts=1 where id=:id")
                .bind("past", Timestamp.from(Instant.now().minusSeconds(1))).bind("id", orphan).execute());
        assertThat(rows).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ok(api.get("/api/jobs/" + orphan), 200).get("status").asText().equals("succeeded"));
        assertThat(stub.posts().stream().filter(p -> orphan.equals(p.headers().get("idempotency-key")))).hasSize(2);

        stub.respond(400);
        String rejected = ok(api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                "payload", Map.of("bad", true))), 202).get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ok(api.get("/api/jobs/" + rejected), 200).get("status").asText().equals("failed"));
        ok(api.post("/api/jobs/" + rejected + "/retry", null), 200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ok(api.get("/api/jobs/" + rejected), 200).get("status").asText().equals("succeeded"));

        JsonNode stats = ok(api.get("/api/integrations/" + integrationId + "/stats"), 200);
        assertThat(stats.get("jobs").get("succeeded").asLong()).isEqualTo(5);
        JsonNode audit = ok(api.get("/api/audit/logs?resource_type=integration&resource_id=" + integrationId
                + "&page_size=100"), 200);
        List<String> actions = new ArrayList<>();
        audit.get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("OUTBOUND POST webhook", "POST /api/integrations");
        assertThat(audit.toString()).doesNotContain(token).contains("****");
        JsonNode jobsPage = ok(api.get("/api/jobs?integration_id=" + integrationId + "&page=1&page_size=2"), 200);
        assertThat(jobsPage.get("total").asLong()).isEqualTo(5);
        assertThat(jobsPage.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void dataSurvivesARestart() {
        String id = ok(api.post("/api/tickets", Map.of("subject", "survives")), 201).get("id").asText();
        rt.restart();
        assertThat(ok(api.get("/api/tickets/" + id), 200).get("subject").asText()).isEqualTo("survives");
    }
}
