package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The audit log: every mutation and every outbound call, tied together by the correlation id. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTest {

    TestRuntime rt;
    TestRuntime.Space space;
    ApiClient api;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start();
        space = rt.createSpace("audited");
        api = space.client();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    JsonNode entries(String correlationId) {
        return ok(rt.admin().get("/api/audit/logs?correlation_id=" + correlationId), 200).get("items");
    }

    String cid(ApiClient.Response r) {
        return r.header("X-Correlation-Id").orElseThrow(() -> new AssertionError("no X-Correlation-Id on " + r));
    }

    /** The one audit entry of a mutation: its action, resource and outcome. */
    JsonNode assertAudited(ApiClient.Response r, String action, String resourceType, String resourceId) {
        List<JsonNode> items = new ArrayList<>();
        entries(cid(r)).forEach(e -> {
            if (!e.get("action").asText().startsWith("OUTBOUND")) { // calls it made are audited on their own
                items.add(e);
            }
        });
        assertThat(items).as("audit entries of %s %s", action, r).hasSize(1);
        JsonNode e = items.get(0);
        assertThat(e.get("action").asText()).isEqualTo(action);
        assertThat(e.get("correlation_id").asText()).isEqualTo(cid(r));
        assertThat(e.get("status_code").asInt()).isEqualTo(r.status());
        assertThat(e.get("outcome").asText()).isEqualTo(r.status() < 400 ? "success" : "failure");
        if (resourceType != null) {
            assertThat(e.get("resource_type").asText()).isEqualTo(resourceType);
        }
        if (resourceId != null) {
            assertThat(e.get("resource_id").asText()).isEqualTo(resourceId);
        }
        return e;
    }

    @Test
    void everyMutationIsAuditedWithTheCorrelationIdItAnswered() {
        ApiClient.Response created = api.post("/api/tickets", Map.of("subject", "audited ticket"));
        String ticket = ok(created, 201).get("id").asText();
        JsonNode e = assertAudited(created, "POST /api/tickets", "ticket", ticket);
        assertThat(e.get("space_id").asText()).isEqualTo(space.id());
        assertThat(e.get("actor").asText()).isEqualTo("key:" + space.keyId());

        assertAudited(api.patch("/api/tickets/" + ticket, Map.of("priority", "high")),
                "PATCH /api/tickets/{id}", "ticket", ticket);
        assertAudited(api.post("/api/tickets/" + ticket + "/comments", Map.of("body", "c")),
                "POST /api/tickets/{id}/comments", "ticket", ticket);
        assertAudited(api.post("/api/tickets/" + ticket + "/time-logs", Map.of("minutes", 5)),
                "POST /api/tickets/{id}/time-logs", "ticket", ticket);
        assertAudited(api.send("POST", "/api/tickets/" + ticket + "/attachments?filename=a.txt",
                "application/octet-stream", "abc".getBytes(StandardCharsets.UTF_8)),
                "POST /api/tickets/{id}/attachments", "ticket", ticket);
        assertAudited(api.put("/api/tickets/" + ticket + "/resolution", Map.of("content", "done")),
                "PUT /api/tickets/{id}/resolution", "ticket", ticket);

        ApiClient.Response integration = api.post("/api/integrations", Map.of("platform", "webhook",
                "name", "audited", "base_url", "http://127.0.0.1:9"));
        String integrationId = ok(integration, 201).get("id").asText();
        assertAudited(integration, "POST /api/integrations", "integration", integrationId);
        assertAudited(api.put("/api/integrations/" + integrationId, Map.of("enabled", false)),
                "PUT /api/integrations/{id}", "integration", integrationId);
        ApiClient.Response job = api.post("/api/jobs", Map.of("integration_id", integrationId, "kind", "post",
                "payload", Map.of()));
        assertAudited(job, "POST /api/jobs", "job", ok(job, 202).get("id").asText());
        String jobId = job.json().get("id").asText();
        assertAudited(api.post("/api/jobs/" + jobId + "/cancel", null), "POST /api/jobs/{id}/cancel", "job", jobId);
        assertAudited(api.post("/api/jobs/" + jobId + "/retry", null), "POST /api/jobs/{id}/retry", "job", jobId);
        assertAudited(api.post("/api/jobs/process", Map.of("wait_seconds", 0)), "POST /api/jobs/process", "job", null);
        assertAudited(api.post("/api/integrations/" + integrationId + "/test", null),
                "POST /api/integrations/{id}/test", "integration", integrationId);
        assertAudited(api.delete("/api/integrations/" + integrationId), "DELETE /api/integrations/{id}",
                "integration", integrationId);
        assertAudited(api.delete("/api/tickets/" + ticket), "DELETE /api/tickets/{id}", "ticket", ticket);

        ApiClient.Response newSpace = rt.admin().post("/api/spaces", Map.of("name", "audited-2"));
        JsonNode s = assertAudited(newSpace, "POST /api/spaces", "space", ok(newSpace, 201).get("id").asText());
        assertThat(s.get("actor").asText()).isEqualTo("admin");
        assertThat(s.toString()).doesNotContain(newSpace.json().get("api_key").asText());
        assertAudited(rt.admin().put("/api/spaces/" + space.id() + "/rate-limits", Map.of("per_minute", 10000)),
                "PUT /api/spaces/{id}/rate-limits", "space", space.id());
        String otherSpace = newSpace.json().get("id").asText();
        ApiClient.Response key = rt.admin().post("/api/spaces/" + otherSpace + "/keys", Map.of("label", "ci"));
        JsonNode k = assertAudited(key, "POST /api/spaces/{id}/keys", "space", otherSpace);
        assertThat(k.toString()).doesNotContain(key.json().get("api_key").asText());
        assertAudited(rt.admin().delete("/api/spaces/" + otherSpace + "/keys/" + key.json().get("api_key_id").asText()),
                "DELETE /api/spaces/{id}/keys/{keyId}", "space", otherSpace);
    }

    @Test
    void aRefusedMutationAndADeniedCallAreAuditedToo() {
        JsonNode bad = assertAudited(api.post("/api/tickets", Map.of("priority", "high")), "POST /api/tickets",
                "ticket", null);
        assertThat(bad.get("detail").get("error").asText()).isEqualTo("validation_failed");
        ApiClient.Response denied = rt.client("tb_nosuchkey0000_secret").post("/api/tickets",
                Map.of("subject", "x"));
        JsonNode d = entries(cid(denied)).get(0);
        assertThat(d.get("outcome").asText()).isEqualTo("denied");
        assertThat(d.get("status_code").asInt()).isEqualTo(401);
        assertThat(d.toString()).doesNotContain("tb_nosuchkey0000_secret");
    }

    @Test
    void readsAreNotAudited() {
        ApiClient.Response r = api.get("/api/tickets");
        assertThat(r.status()).isEqualTo(200);
        assertThat(entries(cid(r))).isEmpty();
    }

    @Test
    void aClientCorrelationIdIsEchoedAndRecorded() {
        String mine = "trace-" + java.util.UUID.randomUUID();
        ApiClient.Response r = api.send("POST", "/api/tickets", "application/json",
                "{\"subject\":\"traced\"}".getBytes(StandardCharsets.UTF_8), Map.of("X-Correlation-Id", mine));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("X-Correlation-Id")).contains(mine);
        assertAudited(r, "POST /api/tickets", "ticket", r.json().get("id").asText());
        // an unusable one (spaces, too long) is replaced, never echoed
        ApiClient.Response odd = api.send("GET", "/api/tickets", null, null,
                Map.of("X-Correlation-Id", "x".repeat(100)));
        assertThat(odd.header("X-Correlation-Id")).hasValueSatisfying(v -> assertThat(v).hasSizeLessThan(65));
        // errors carry it as well
        assertThat(rt.anonymous().get("/api/tickets").header("X-Correlation-Id")).isPresent();
    }

    @Test
    void outboundCallsAreAuditedWithTheAuthorizationMaskedAndTheCallersCorrelationId() {
        try (FaultStub stub = new FaultStub()) {
            String token = "audit-token-" + java.util.UUID.randomUUID();
            String integrationId = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "outbound",
                    "base_url", stub.baseUrl(), "credentials", Map.of("token", token))), 201).get("id").asText();
            ApiClient.Response exec = api.post("/api/integrations/" + integrationId + "/execute",
                    Map.of("action", "post", "parameters", Map.of("hello", "world")));
            assertThat(exec.status()).isEqualTo(200);
            List<JsonNode> outbound = new ArrayList<>();
            List<String> execActions = new ArrayList<>();
            entries(cid(exec)).forEach(e -> execActions.add(e.get("action").asText()));
            assertThat(execActions).containsExactlyInAnyOrder("POST /api/integrations/{id}/execute",
                    "OUTBOUND POST webhook");
            entries(cid(exec)).forEach(e -> {
                if (e.get("action").asText().startsWith("OUTBOUND")) {
                    outbound.add(e);
                }
            });
            assertThat(outbound).hasSize(1);
            JsonNode call = outbound.get(0);
            assertThat(call.get("action").asText()).isEqualTo("OUTBOUND POST webhook");
            assertThat(call.get("resource_type").asText()).isEqualTo("integration");
            assertThat(call.get("resource_id").asText()).isEqualTo(integrationId);
            assertThat(call.get("status_code").asInt()).isEqualTo(200);
            assertThat(call.get("detail").get("request_headers").get("Authorization").asText()).isEqualTo("****");
            assertThat(Json.read(call.get("detail").get("request_body").asText()))
                    .isEqualTo(Json.toNode(Map.of("hello", "world")));
            assertThat(call.toString()).doesNotContain(token);

            // a queued job's call carries the correlation id of the request that queued it
            ApiClient.Response queued = api.post("/api/jobs", Map.of("integration_id", integrationId,
                    "kind", "post", "payload", Map.of("queued", true)));
            String jobId = ok(queued, 202).get("id").asText();
            assertThat(ok(api.get("/api/jobs/" + jobId), 200).get("correlation_id").asText()).isEqualTo(cid(queued));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ok(api.get("/api/jobs/" + jobId), 200).get("status").asText().equals("succeeded"));
            JsonNode jobCalls = entries(cid(queued));
            List<String> actions = new ArrayList<>();
            jobCalls.forEach(e -> actions.add(e.get("action").asText()));
            assertThat(actions).containsExactlyInAnyOrder("POST /api/jobs", "OUTBOUND POST webhook");
            JsonNode all = ok(rt.admin().get("/api/audit/logs?resource_type=integration&resource_id=" + integrationId),
                    200);
            assertThat(all.toString()).doesNotContain(token);
        }
    }

    @Test
    void theAuditLogPagesNewestFirstAndIsScopedToTheSpace() {
        TestRuntime.Space s = rt.createSpace("audit-paging");
        for (int i = 1; i <= 5; i++) {
            ok(s.client().post("/api/tickets", Map.of("subject", "paged " + i)), 201);
        }
        JsonNode p1 = ok(s.client().get("/api/audit/logs?page=1&page_size=2"), 200);
        JsonNode p2 = ok(s.client().get("/api/audit/logs?page=2&page_size=2"), 200);
        JsonNode p3 = ok(s.client().get("/api/audit/logs?page=3&page_size=2"), 200);
        assertThat(p1.get("total").asLong()).isEqualTo(5);
        assertThat(p1.get("items")).hasSize(2);
        assertThat(p1.get("has_more").asBoolean()).isTrue();
        assertThat(p3.get("items")).hasSize(1);
        assertThat(p3.get("has_more").asBoolean()).isFalse();
        List<Long> ids = new ArrayList<>();
        for (JsonNode p : List.of(p1, p2, p3)) {
            p.get("items").forEach(e -> {
                ids.add(e.get("id").asLong());
                assertThat(e.get("space_id").asText()).isEqualTo(s.id());
            });
        }
        assertThat(ids).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        Set<Long> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(5);
        // another space sees none of it; the admin sees it all
        assertThat(ok(api.get("/api/audit/logs?page_size=200"), 200).toString()).doesNotContain(s.id());
        assertThat(ok(rt.admin().get("/api/audit/logs?resource_type=ticket&page_size=200"), 200).toString())
                .contains(s.id());
    }

    @Test
    void oneSpacesCredentialsNeverMaskAnotherSpacesAuditEntries() {
        try (FaultStub stub = new FaultStub()) {
            TestRuntime.Space hostile = rt.createSpace("hostile-masking");
            String hook = ok(hostile.client().post("/api/integrations", Map.of("platform", "webhook",
                    "name", "greedy", "base_url", stub.baseUrl(), "credentials", Map.of("token", "/api/tickets/"))),
                    201).get("id").asText();
            // the credential is decrypted and used (what used to turn it into a process-wide mask)
            ok(hostile.client().post("/api/integrations/" + hook + "/execute", Map.of("action", "post",
                    "parameters", Map.of("x", 1))), 200);

            ApiClient.Response created = api.post("/api/tickets", Map.of("subject", "innocent"));
            String ticket = ok(created, 201).get("id").asText();
            ApiClient.Response commented = api.post("/api/tickets/" + ticket + "/comments", Map.of("body", "hello"));
            JsonNode entry = assertAudited(commented, "POST /api/tickets/{id}/comments", "ticket", ticket);
            assertThat(entry.get("detail").get("path").asText()).isEqualTo("/api/tickets/" + ticket + "/comments");
            // its own outbound record still hides it
            JsonNode own = ok(hostile.client().get("/api/audit/logs?resource_type=integration&resource_id=" + hook),
                    200).get("items");
            assertThat(own.toString()).contains("OUTBOUND POST webhook").doesNotContain("Bearer /api/tickets/");
        }
    }

    @Test
    void anAuditedCallWhoseUrlCarriesASignatureIsStoredAsAJsonObject() {
        try (FaultStub stub = new FaultStub()) {
            String sig = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
            String hook = ok(api.post("/api/integrations", Map.of("platform", "webhook", "name", "presigned",
                    "base_url", stub.baseUrl(), "config", Map.of("path",
                            "/upload?X-Amz-Date=20261204T000000Z&X-Amz-Signature=" + sig + "&part=1"))), 201)
                    .get("id").asText();
            ApiClient.Response exec = api.post("/api/integrations/" + hook + "/execute", Map.of("action", "post",
                    "parameters", Map.of("note", "\"quoted\" X-Amz-Signature=" + sig + "\"")));
            assertThat(exec.status()).isEqualTo(200);
            JsonNode call = null;
            for (JsonNode e : entries(cid(exec))) {
                if (e.get("action").asText().startsWith("OUTBOUND")) {
                    call = e;
                }
            }
            assertThat(call).isNotNull();
            JsonNode detail = call.get("detail");
            assertThat(detail.isObject()).as("detail stored as JSON: %s", detail).isTrue();
            assertThat(detail.get("url").asText()).isEqualTo(stub.baseUrl()
                    + "/upload?X-Amz-Date=20261204T000000Z&X-Amz-Signature=****&part=1");
            JsonNode sent = Json.read(detail.get("request_body").asText());
            assertThat(sent.get("note").asText()).isEqualTo("\"quoted\" X-Amz-Signature=****\"");
            assertThat(call.toString()).doesNotContain(sig);
        }
    }
}
