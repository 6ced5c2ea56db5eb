package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

/** API keys: who may call what, and a space's key sees only its own space. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthIsolationTest {

    TestRuntime rt;
    FaultStub stub;
    TestRuntime.Space a;
    TestRuntime.Space b;
    String ticketOfB;
    String integrationOfB;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start();
        stub = new FaultStub();
        a = rt.createSpace("space-a");
        b = rt.createSpace("space-b");
        ticketOfB = ok(b.client().post("/api/tickets", Map.of("subject", "B's printer is on fire")), 201)
                .get("id").asText();
        integrationOfB = ok(b.client().post("/api/integrations", Map.of("platform", "webhook", "name", "b-hook",
                "base_url", stub.baseUrl())), 201).get("id").asText();
    }

    @AfterAll
    void stop() {
        stub.close();
        rt.close();
    }

    @Test
    void noKeyIsUnauthorizedWithTheErrorShapeAndAChallenge() {
        ApiClient.Response r = rt.anonymous().get("/api/tickets");
        JsonNode body = assertError(r, 401);
        assertThat(body.get("error").asText()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aSpaceKeyNamingAnotherSpaceInAListingIs403LikeAWrite() {
        for (String path : List.of("/api/tickets?space_id=" + b.id(), "/api/integrations?space_id=" + b.id())) {
            JsonNode err = assertError(a.client().get(path), 403);
            assertThat(err.get("error").asText()).isEqualTo("forbidden");
        }
        assertError(a.client().post("/api/tickets", Map.of("subject", "x", "space_id", b.id())), 403);
        // its own space is fine, and the admin may name any space
        assertThat(ok(a.client().get("/api/tickets?space_id=" + a.id()), 200).get("items")).isEmpty();
        assertThat(ok(rt.admin().get("/api/tickets?space_id=" + b.id()), 200).toString()).contains(ticketOfB);
    }

    @Test
    void anInvalidKeyIsUnauthorized() {
        for (String key : List.of("not-a-key", "tb_aaaaaaaaaaaa_wrongsecret", TestRuntime.ADMIN_KEY + "x")) {
            ApiClient.Response r = rt.client(key).get("/api/tickets");
            assertError(r, 401);
            assertThat(r.header("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void aKeyOutsideTheBearerSchemeIsUnauthorized() {
        for (String auth : List.of("Basic " + TestRuntime.ADMIN_KEY, TestRuntime.ADMIN_KEY, "Token " + a.apiKey())) {
            ApiClient.Response r = rt.anonymous().send("GET", "/api/tickets", null, null,
                    Map.of("Authorization", auth));
            assertError(r, 401);
            assertThat(r.header("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void theAdminKeySeesEverySpace() {
        JsonNode spaces = ok(rt.admin().get("/api/spaces"), 200);
        List<String> names = new ArrayList<>();
        spaces.get("items").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("default", "space-a", "space-b");
        assertThat(ok(rt.admin().get("/api/tickets/" + ticketOfB), 200).get("subject").asText())
                .isEqualTo("B's printer is on fire");
    }

    @Test
    void spaceCreationReturnsAWorkingKeyOnlyOnce() {
        TestRuntime.Space c = rt.createSpace("space-c");
        assertThat(c.apiKey()).startsWith("tb_" + c.keyId() + "_");
        assertThat(ok(c.client().get("/api/ping"), 200).get("pong").asBoolean()).isTrue();
        // the key list never shows a secret again
        JsonNode keys = ok(rt.admin().get("/api/spaces/" + c.id() + "/keys"), 200);
        assertThat(keys.toString()).doesNotContain(c.apiKey()).contains(c.keyId());
        assertThat(ok(rt.admin().get("/api/spaces/" + c.id()), 200).toString()).doesNotContain(c.apiKey());
    }

    @Test
    void aSpaceCannotReadChangeOrDeleteAnotherSpacesTicket() {
        String path = "/api/tickets/" + ticketOfB;
        assertThat(assertError(a.client().get(path), 404).get("error").asText()).isEqualTo("not_found");
        assertError(a.client().patch(path, Map.of("subject", "hijacked")), 404);
        assertError(a.client().delete(path), 404);
        assertError(a.client().post(path + "/comments", Map.of("body", "hi from A")), 404);
        assertError(a.client().get(path + "/comments"), 404);
        // B's ticket is untouched
        JsonNode t = ok(b.client().get(path), 200);
        assertThat(t.get("subject").asText()).isEqualTo("B's printer is on fire");
        assertThat(t.get("version").asLong()).isEqualTo(1);
        assertThat(ok(b.client().get(path + "/comments"), 200).get("items")).isEmpty();
    }

    @Test
    void aSpaceListsOnlyItsOwnTicketsAndIntegrations() {
        ok(a.client().post("/api/tickets", Map.of("subject", "A's own ticket")), 201);
        JsonNode list = ok(a.client().get("/api/tickets"), 200);
        assertThat(list.get("total").asLong()).isEqualTo(1);
        list.get("items").forEach(t -> assertThat(t.get("space_id").asText()).isEqualTo(a.id()));
        assertThat(list.toString()).doesNotContain(ticketOfB);
        assertThat(ok(a.client().get("/api/integrations"), 200).get("items")).isEmpty();
        // naming the other space in the query does not widen a space key's view
        assertThat(a.client().get("/api/tickets?space_id=" + b.id()).text()).doesNotContain(ticketOfB);
    }

    @Test
    void aSpaceCannotReadChangeOrDeleteAnotherSpacesIntegration() {
        String path = "/api/integrations/" + integrationOfB;
        assertError(a.client().get(path), 404);
        assertError(a.client().put(path, Map.of("name", "hijacked")), 404);
        assertError(a.client().post(path + "/execute", Map.of("action", "post", "parameters", Map.of("x", 1))), 404);
        assertError(a.client().delete(path), 404);
        assertThat(ok(b.client().get(path), 200).get("name").asText()).isEqualTo("b-hook");
        assertThat(stub.posts()).isEmpty();
        // nor queue jobs on it
        JsonNode err = assertError(a.client().post("/api/jobs", Map.of("integration_id", integrationOfB,
                "kind", "post", "payload", Map.of("x", 1))), 400);
        assertThat(err.get("validationErrors").toString()).contains("integration_id");
    }

    @Test
    void aSpaceCannotReadAnotherSpace() {
        assertError(a.client().get("/api/spaces/" + b.id()), 404);
        assertThat(ok(a.client().get("/api/spaces/" + a.id()), 200).get("name").asText()).isEqualTo("space-a");
    }

    @Test
    void aSpaceKeyOnAnAdminRouteIsForbidden() {
        int before = ok(rt.admin().get("/api/spaces"), 200).get("items").size();
        JsonNode err = assertError(a.client().post("/api/spaces", Map.of("name", "sneaky")), 403);
        assertThat(err.get("error").asText()).isEqualTo("forbidden");
        assertError(a.client().get("/api/spaces"), 403);
        assertError(a.client().put("/api/spaces/" + a.id() + "/rate-limits", Map.of("per_minute", 100000)), 403);
        assertError(a.client().post("/api/spaces/" + a.id() + "/keys", Map.of()), 403);
        assertThat(ok(rt.admin().get("/api/spaces"), 200).get("items").size()).isEqualTo(before);
    }

    @Test
    void aRevokedKeyIsUnauthorizedAtOnceWhileTheSpacesOtherKeysKeepWorking() {
        TestRuntime.Space d = rt.createSpace("space-d");
        JsonNode second = ok(rt.admin().post("/api/spaces/" + d.id() + "/keys", Map.of("label", "ci")), 201);
        ApiClient other = rt.client(second.get("api_key").asText());
        ok(d.client().get("/api/tickets"), 200); // verified and cached before the revocation

        assertThat(rt.admin().delete("/api/spaces/" + d.id() + "/keys/" + d.keyId()).status()).isEqualTo(204);

        assertError(d.client().get("/api/tickets"), 401);
        assertError(d.client().post("/api/tickets", Map.of("subject", "after revocation")), 401);
        assertThat(ok(other.get("/api/tickets"), 200).get("total").asLong()).isZero();
        // revoking again: nothing active by that id
        assertError(rt.admin().delete("/api/spaces/" + d.id() + "/keys/" + d.keyId()), 404);
    }
}
