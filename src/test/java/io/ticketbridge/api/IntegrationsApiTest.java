package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static io.ticketbridge.testing.ApiAssertions.validationErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** Integrations: write-only credentials, connection test, health, stats and connector actions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationsApiTest {

    TestRuntime rt;
    TestRuntime.Space space;
    ApiClient api;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.jobs.retry.initial-delay-ms", "100"));
        space = rt.createSpace("integrations");
        api = space.client();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    record Secrets(String token, String headerValue) {
        static Secrets fresh() {
            return new Secrets("tok-" + UUID.randomUUID(), "hv-" + UUID.randomUUID());
        }

        List<String> values() {
            return List.of(token, headerValue);
        }
    }

    JsonNode createWebhook(String name, String baseUrl, Secrets s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "webhook");
        body.put("name", name);
        body.put("base_url", baseUrl);
        body.put("credentials", Map.of("token", s.token(), "header_name", "X-Partner-Key",
                "header_value", s.headerValue()));
        body.put("config", Map.of("path", "/in", "timeout_ms", 2000));
        return ok(api.post("/api/integrations", body), 201);
    }

    static void assertNoSecret(String text, Secrets s) {
        for (String v : s.values()) {
            assertThat(text).doesNotContain(v);
        }
    }

    @Test
    void credentialsAreWriteOnlyAndEncryptedAtRest() {
        try (FaultStub stub = new FaultStub()) {
            Secrets s = Secrets.fresh();
            Map<String, Object> body = Map.of("platform", "webhook", "name", "write-only", "base_url", stub.baseUrl(),
                    "credentials", Map.of("token", s.token(), "header_name", "X-Partner-Key",
                            "header_value", s.headerValue()), "config", Map.of("path", "/in"));
            ApiClient.Response created = api.post("/api/integrations", body);
            JsonNode i = ok(created, 201);
            String id = i.get("id").asText();
            assertThat(created.header("Location")).contains("/api/integrations/" + id);
            assertNoSecret(created.text(), s);
            assertThat(i.get("credentials").get("configured").asBoolean()).isTrue();
            assertThat(fields(i)).containsExactlyInAnyOrder("token", "header_name", "header_value");
            assertThat(i.get("base_url").asText()).isEqualTo(stub.baseUrl());
            assertThat(i.get("config").get("path").asText()).isEqualTo("/in");

            ApiClient.Response got = api.get("/api/integrations/" + id);
            assertNoSecret(got.text(), s);
            assertThat(fields(got.json())).containsExactlyInAnyOrder("token", "header_name", "header_value");
            ApiClient.Response list = api.get("/api/integrations");
            assertNoSecret(list.text(), s);
            assertThat(list.text()).contains(id);
            ApiClient.Response adminList = rt.admin().get("/api/integrations?space_id=" + space.id());
            assertNoSecret(adminList.text(), s);
            ApiClient.Response updated = api.put("/api/integrations/" + id, Map.of("name", "write-only-renamed"));
            assertNoSecret(updated.text(), s);
            assertThat(updated.json().get("name").asText()).isEqualTo("write-only-renamed");

            String stored = rt.hub().jdbi.withHandle(h -> h.createQuery(
                    "select credentials from integrations where id=:id").bind("id", id).mapTo(String.class).one());
            assertThat(stored).startsWith("v1:");
            assertNoSecret(stored, s);
        }
    }

    @Test
    void anIntegrationWithoutCredentialsSaysSo() {
        JsonNode i = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "no-creds",
                "base_url", "http://127.0.0.1:9")), 201);
        assertThat(i.get("credentials").get("configured").asBoolean()).isFalse();
        assertThat(i.get("credentials").get("fields")).isEmpty();
    }

    @Test
    void putMergesCredentialsKeyByKey() {
        try (FaultStub stub = new FaultStub()) {
            Secrets s = Secrets.fresh();
            String id = createWebhook("merge", stub.baseUrl(), s).get("id").asText();
            String newToken = "tok-rotated-" + UUID.randomUUID();
            JsonNode updated = ok(api.put("/api/integrations/" + id, Map.of("credentials", Map.of("token", newToken))),
                    200);
            assertThat(updated.toString()).doesNotContain(newToken);
            assertThat(fields(updated)).containsExactlyInAnyOrder("token", "header_name", "header_value");

            ok(api.post("/api/integrations/" + id + "/execute", Map.of("action", "post",
                    "parameters", Map.of("n", 1))), 200);
            FaultStub.Recorded sent = stub.posts().get(0);
            assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + newToken);
            assertThat(sent.headers().get("x-partner-key")).isEqualTo(s.headerValue());

            Map<String, Object> removal = new LinkedHashMap<>();
            removal.put("header_value", null);
            JsonNode removed = ok(api.put("/api/integrations/" + id, Map.of("credentials", removal)), 200);
            assertThat(fields(removed)).containsExactlyInAnyOrder("token", "header_name");
        }
    }

    @Test
    void aDuplicateNameIsAConflict() {
        ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "dup", "base_url",
                "http://127.0.0.1:9")), 201);
        int before = ok(api.get("/api/integrations"), 200).get("items").size();
        JsonNode err = assertError(api.post("/api/integrations", Map.of("platform", "webhook", "name", "dup",
                "base_url", "http://127.0.0.1:10")), 409);
        assertThat(err.get("message").asText()).contains("dup");
        String other = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "dup-2",
                "base_url", "http://127.0.0.1:9")), 201).get("id").asText();
        assertError(api.put("/api/integrations/" + other, Map.of("name", "dup")), 409);
        assertThat(ok(api.get("/api/integrations"), 200).get("items").size()).isEqualTo(before + 1);
        // another space may use the same name
        ok(rt.createSpace("integrations-other").client().post("/api/integrations", Map.of("platform", "webhook",
                "name", "dup", "base_url", "http://127.0.0.1:9")), 201);
    }

    @Test
    void anUnknownPlatformOrAMissingBaseUrlIs400() {
        JsonNode err = assertError(api.post("/api/integrations", Map.of("platform", "jira", "name", "x",
                "base_url", "http://127.0.0.1:9")), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("platform"));
        assertError(api.post("/api/integrations", Map.of("platform", "webhook", "name", "no-url")), 400);
        assertError(api.post("/api/integrations", Map.of("platform", "webhook", "name", "bad-url",
                "base_url", "ftp://example.com")), 400);
        assertThat(api.get("/api/integrations").text()).doesNotContain("no-url", "bad-url");
    }

    @Test
    void configOrCredentialsTooLargeToStoreAre400NotA500() {
        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            big.put("k" + i, "v".repeat(4000));
        }
        assertError(api.post("/api/integrations", Map.of("platform", "webhook", "name", "big-creds",
                "base_url", "http://127.0.0.1:9", "credentials", big)), 400);
        JsonNode err = assertError(api.post("/api/integrations", Map.of("platform", "webhook", "name", "big-config",
                "base_url", "http://127.0.0.1:9", "config", Map.of("blob", "b".repeat(150_000)))), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("config"));
        assertThat(api.get("/api/integrations").text()).doesNotContain("big-creds", "big-config");

        Map<String, String> half = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            half.put("a" + i, "v".repeat(4000));
        }
        String id = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "growing",
                "base_url", "http://127.0.0.1:9", "credentials", half)), 201).get("id").asText();
        Map<String, String> more = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            more.put("b" + i, "v".repeat(4000));
        }
        assertError(api.put("/api/integrations/" + id, Map.of("credentials", more)), 400);
        assertThat(fields(ok(api.get("/api/integrations/" + id), 200))).containsExactlyInAnyOrder("a0", "a1", "a2");
    }

    @Test
    void testReportsSuccessMessageAndResponseTime() {
        try (FaultStub stub = new FaultStub()) {
            Secrets s = Secrets.fresh();
            String id = createWebhook("tested", stub.baseUrl(), s).get("id").asText();
            JsonNode r = ok(api.post("/api/integrations/" + id + "/test", null), 200);
            assertThat(r.get("success").asBoolean()).isTrue();
            assertThat(r.get("message").asText()).isNotBlank();
            assertThat(r.get("responseTime").isIntegralNumber()).isTrue();
            assertThat(stub.requests()).hasSize(1);
            assertThat(stub.requests().get(0).path()).isEqualTo("/in");
            assertThat(stub.requests().get(0).headers().get("authorization")).isEqualTo("Bearer " + s.token());

            stub.respond(503);
            JsonNode down = ok(api.post("/api/integrations/" + id + "/test", null), 200);
            assertThat(down.get("success").asBoolean()).isFalse();
            assertThat(down.get("message").asText()).contains("503");
        }
    }

    @Test
    void healthIsHealthyAgainstAGoodEndpointAndUnhealthyWhenItFails() {
        try (FaultStub stub = new FaultStub()) {
            String id = createWebhook("health", stub.baseUrl(), Secrets.fresh()).get("id").asText();
            JsonNode good = ok(api.get("/api/integrations/" + id + "/health"), 200);
            assertThat(good.get("healthy").asBoolean()).isTrue();
            assertThat(good.get("status").asText()).isEqualTo("healthy");
            assertThat(good.get("responseTime").isIntegralNumber()).isTrue();

            // every connection is cut (the JDK client silently retries an idempotent GET once)
            for (int i = 0; i < 5; i++) {
                stub.reset();
            }
            JsonNode reset = ok(api.get("/api/integrations/" + id + "/health"), 200);
            assertThat(reset.get("healthy").asBoolean()).isFalse();
            assertThat(reset.get("status").asText()).isEqualTo("unhealthy");
            assertThat(reset.get("responseTime").isIntegralNumber()).isTrue();
        }
        String closed = createWebhook("health-closed", "http://127.0.0.1:" + TestRuntime.freePort(), Secrets.fresh())
                .get("id").asText();
        JsonNode refused = ok(api.get("/api/integrations/" + closed + "/health"), 200);
        assertThat(refused.get("healthy").asBoolean()).isFalse();
        assertThat(refused.get("status").asText()).isEqualTo("unhealthy");
    }

    @Test
    void statsCountTheIntegrationsJobs() {
        try (FaultStub stub = new FaultStub()) {
            String id = createWebhook("stats", stub.baseUrl(), Secrets.fresh()).get("id").asText();
            stub.respond(400);
            String failed = ok(api.post("/api/jobs", Map.of("integration_id", id, "kind", "post",
                    "payload", Map.of("n", 1))), 202).get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(failed).equals("failed"));
            String good = ok(api.post("/api/jobs", Map.of("integration_id", id, "kind", "post",
                    "payload", Map.of("n", 2))), 202).get("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(good).equals("succeeded"));
            JsonNode stats = ok(api.get("/api/integrations/" + id + "/stats"), 200);
            assertThat(stats.get("integration_id").asText()).isEqualTo(id);
            assertThat(stats.get("platform").asText()).isEqualTo("webhook");
            assertThat(stats.get("jobs").get("succeeded").asLong()).isEqualTo(1);
            assertThat(stats.get("jobs").get("failed").asLong()).isEqualTo(1);
            assertThat(stats.get("circuitBreaker").asText()).isEqualTo("CLOSED");
        }
    }

    @Test
    void executePostsExactlyTheParametersWithTheBearerToken() {
        try (FaultStub stub = new FaultStub()) {
            Secrets s = Secrets.fresh();
            String id = createWebhook("execute", stub.baseUrl(), s).get("id").asText();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("text", "Ticket TB-7 escalated");
            params.put("count", 3);
            params.put("tags", List.of("vpn", "p1"));
            params.put("nested", Map.of("ok", true));
            ApiClient.Response r = api.post("/api/integrations/" + id + "/execute",
                    Map.of("action", "post", "parameters", params));
            JsonNode out = ok(r, 200);
            assertNoSecret(r.text(), s);
            assertThat(out.get("success").asBoolean()).isTrue();
            assertThat(out.get("result").get("ok").asBoolean()).isTrue();

            assertThat(stub.requests()).hasSize(1);
            FaultStub.Recorded sent = stub.requests().get(0);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/in");
            assertThat(Json.read(sent.body())).isEqualTo(Json.toNode(params));
            assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + s.token());
            assertThat(sent.headers().get("x-partner-key")).isEqualTo(s.headerValue());
            assertThat(sent.headers().get("content-type")).startsWith("application/json");
        }
    }

    @Test
    void anUnsupportedActionIs400AndSendsNothing() {
        try (FaultStub stub = new FaultStub()) {
            String id = createWebhook("unsupported", stub.baseUrl(), Secrets.fresh()).get("id").asText();
            JsonNode err = assertError(api.post("/api/integrations/" + id + "/execute",
                    Map.of("action", "delete_everything", "parameters", Map.of())), 400);
            assertThat(err.toString()).contains("action");
            assertError(api.post("/api/integrations/" + id + "/execute", Map.of("parameters", Map.of())), 400);
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void aPlatformWithoutAConnectorCanBeStoredButNotExecuted() {
        JsonNode i = ok(api.post("/api/integrations", Map.of("platform", "freshdesk", "name", "fd",
                "base_url", "https://acme.freshdesk.example", "credentials", Map.of("api_key", "fd-key-123456"))), 201);
        assertThat(i.get("platform").asText()).isEqualTo("freshdesk");
        JsonNode err = assertError(api.post("/api/integrations/" + i.get("id").asText() + "/execute",
                Map.of("action", "post", "parameters", Map.of())), 400);
        assertThat(err.toString()).containsIgnoringCase("no connector");
    }

    /**
     * A vendor that echoes the Authorization header in its error bodies: the token must not surface in any
     * API answer, job, audit entry or console line while test, execute and queued jobs run against it.
     */
    @Test
    void credentialsNeverLeakIntoAnswersAuditOrConsole() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger own = (Logger) LoggerFactory.getLogger("io.ticketbridge");
        Level rootLevel = root.getLevel();
        Level ownLevel = own.getLevel();
        List<String> answers = new ArrayList<>();
        Secrets s = Secrets.fresh();
        String id;
        String console;
        try (FaultStub stub = new FaultStub(); ConsoleCapture capture = new ConsoleCapture()) {
            // as verbose as an operator troubleshooting would make it
            root.setLevel(Level.DEBUG);
            own.setLevel(Level.DEBUG);
            id = createWebhook("leaky-vendor", stub.baseUrl(), s).get("id").asText();
            stub.respondEchoing(401, "authorization") // the connection test
                    .respondEchoing(401, "authorization").respondEchoing(400, "authorization") // two executes
                    .respondEchoing(401, "authorization").respondEchoing(400, "authorization"); // two jobs
            answers.add(api.post("/api/integrations/" + id + "/test", null).text());
            ApiClient.Response denied = api.post("/api/integrations/" + id + "/execute",
                    Map.of("action", "post", "parameters", Map.of("n", 1)));
            assertThat(denied.status()).isEqualTo(502); // the vendor refused our credentials
            answers.add(denied.text());
            ApiClient.Response rejected = api.post("/api/integrations/" + id + "/execute",
                    Map.of("action", "post", "parameters", Map.of("n", 2)));
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.text()).contains("denied"); // the vendor's body is relayed, masked
            answers.add(rejected.text());
            List<String> jobs = new ArrayList<>();
            for (int n = 3; n <= 4; n++) {
                jobs.add(ok(api.post("/api/jobs", Map.of("integration_id", id, "kind", "post",
                        "payload", Map.of("n", n))), 202).get("id").asText());
            }
            stub.respondEchoing(503, "authorization").respondEchoing(500, "authorization");
            String retried = ok(api.post("/api/jobs", Map.of("integration_id", id, "kind", "post",
                    "payload", Map.of("n", 5))), 202).get("id").asText();
            jobs.add(retried);
            await().atMost(Duration.ofSeconds(15)).until(() -> jobs.stream()
                    .allMatch(j -> List.of("failed", "succeeded").contains(status(j))));
            assertThat(stub.requests().stream().filter(r -> r.headers().containsKey("authorization")))
                    .allSatisfy(r -> assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + s.token()));
            assertThat(status(jobs.get(0))).isEqualTo("failed");
            for (String j : jobs) {
                answers.add(api.get("/api/jobs/" + j).text());
            }
            answers.add(api.get("/api/jobs?integration_id=" + id).text());
            answers.add(api.get("/api/integrations/" + id + "/stats").text());
            answers.add(api.get("/api/integrations/" + id + "/health").text());
            console = capture.text();
        } finally {
            root.setLevel(rootLevel);
            own.setLevel(ownLevel);
        }
        for (String a : answers) {
            assertNoSecret(a, s);
        }
        JsonNode audit = ok(rt.admin().get("/api/audit/logs?resource_type=integration&resource_id=" + id
                + "&page_size=200"), 200);
        assertThat(audit.get("total").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(audit.toString()).contains("OUTBOUND").contains("****");
        assertNoSecret(audit.toString(), s);
        assertNoSecret(ok(api.get("/api/audit/logs?page_size=200"), 200).toString(), s);
        assertThat(console).as("console output was captured").contains("DeskRejectedException");
        assertNoSecret(console, s);
    }

    private String status(String jobId) {
        return ok(api.get("/api/jobs/" + jobId), 200).get("status").asText();
    }

    private static List<String> fields(JsonNode integration) {
        List<String> out = new ArrayList<>();
        integration.get("credentials").get("fields").forEach(f -> out.add(f.asText()));
        return out;
    }

    /** Tees System.out and System.err (where the console appender writes) into a buffer. */
    static final class ConsoleCapture implements AutoCloseable {
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        ConsoleCapture() {
            System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
        }

        private OutputStream tee(PrintStream original) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    original.write(b);
                    synchronized (buffer) {
                        buffer.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    original.write(b, off, len);
                    synchronized (buffer) {
                        buffer.write(b, off, len);
                    }
                }
            };
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
