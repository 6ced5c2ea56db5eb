package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static io.ticketbridge.testing.ApiAssertions.validationErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input gets a clear 4xx in the one error shape, never a 500, and changes nothing: after every
 * test the ticket table and the probe ticket are exactly as before, and the runtime is still ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    static final int MAX_JSON = 32_768;
    static final int MAX_SERVER_BODY = 65_536;

    TestRuntime rt;
    ApiClient api;
    String probeId;
    String probeBefore;
    long ticketsBefore;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.api.max-json-bytes", String.valueOf(MAX_JSON),
                "camel.server.max-body-size", String.valueOf(MAX_SERVER_BODY)));
        api = rt.createSpace("bad-input").client();
        probeId = ok(api.post("/api/tickets", Map.of("subject", "Probe", "priority", "low")), 201).get("id").asText();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    @BeforeEach
    void snapshot() {
        ticketsBefore = ticketRows();
        probeBefore = ok(api.get("/api/tickets/" + probeId), 200).toString();
    }

    @AfterEach
    void nothingChangedAndStillReady() {
        assertThat(ticketRows()).as("ticket rows").isEqualTo(ticketsBefore);
        assertThat(ok(api.get("/api/tickets/" + probeId), 200).toString()).isEqualTo(probeBefore);
        ApiClient.Response ready = new ApiClient(rt.managementUrl(), null).get("/observe/health/ready");
        assertThat(ready.status()).as("readiness %s", ready).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
    }

    long ticketRows() {
        return rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from tickets").mapTo(Long.class).one());
    }

    ApiClient.Response postTicket(String contentType, String body) {
        return api.send("POST", "/api/tickets", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    ApiClient.Response patchProbe(String body) {
        return api.send("PATCH", "/api/tickets/" + probeId, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedJsonIs400() {
        for (String body : new String[] {"{\"subject\": \"x\",", "{subject: x}", "{\"subject\":\"x\"} trailing",
                "", "\u0000"}) {
            JsonNode err = assertError(postTicket("application/json", body), 400);
            assertThat(err.get("error").asText()).isIn("bad_request", "validation_failed");
        }
        assertError(patchProbe("{\"priority\":"), 400);
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        for (String body : new String[] {"[1,2]", "\"subject\"", "42", "null", "true"}) {
            assertError(postTicket("application/json", body), 400);
        }
    }

    @Test
    void anotherContentTypeIs415() {
        JsonNode plain = assertError(postTicket("text/plain", "{\"subject\":\"x\"}"), 415);
        assertThat(plain.get("error").asText()).isEqualTo("unsupported_media_type");
        assertError(postTicket("application/x-www-form-urlencoded", "subject=x&priority=high"), 415);
        assertError(api.send("POST", "/api/tickets", null, "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8)), 415);
        assertError(api.send("PATCH", "/api/tickets/" + probeId, "text/plain",
                "{\"priority\":\"high\"}".getBytes(StandardCharsets.UTF_8)), 415);
        assertError(api.upload("/api/tickets", "file", "t.json", "application/json",
                "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void anUnknownFieldIs400AndNamed() {
        JsonNode err = assertError(postTicket("application/json", "{\"subject\":\"x\",\"colour\":\"red\"}"), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("colour"));
        JsonNode patch = assertError(patchProbe("{\"priority\":\"high\",\"sizee\":1}"), 400);
        assertThat(validationErrors(patch)).anySatisfy(e -> assertThat(e).contains("sizee"));
    }

    @Test
    void aMissingOrEmptySubjectIs400() {
        JsonNode err = assertError(postTicket("application/json", "{\"priority\":\"high\"}"), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("subject"));
        assertError(postTicket("application/json", "{\"subject\":\"   \"}"), 400);
        assertError(postTicket("application/json", "{}"), 400);
        assertError(patchProbe("{\"subject\":null}"), 400);
        assertError(patchProbe("{}"), 400);
    }

    @Test
    void wrongTypesAndValuesAre400WithEveryProblemListed() {
        JsonNode err = assertError(postTicket("application/json",
                "{\"subject\":42,\"priority\":\"extreme\",\"cis\":\"one\",\"due_at\":\"tomorrow\","
                        + "\"requester_email\":\"not-an-email\",\"custom_fields\":{\"a\":{\"b\":1}}}"), 400);
        assertThat(validationErrors(err)).hasSizeGreaterThanOrEqualTo(6)
                .anySatisfy(e -> assertThat(e).contains("subject"))
                .anySatisfy(e -> assertThat(e).contains("priority"))
                .anySatisfy(e -> assertThat(e).contains("cis"))
                .anySatisfy(e -> assertThat(e).contains("due_at"))
                .anySatisfy(e -> assertThat(e).contains("requester_email"))
                .anySatisfy(e -> assertThat(e).contains("custom_fields"));
        assertError(postTicket("application/json", "{\"subject\":\"" + "x".repeat(501) + "\"}"), 400);
        assertError(patchProbe("{\"version\":\"one\",\"priority\":\"high\"}"), 400);
        assertError(patchProbe("{\"status\":[\"open\"]}"), 400);
        assertError(api.send("PATCH", "/api/tickets/" + probeId, "application/json",
                "{\"priority\":\"high\"}".getBytes(StandardCharsets.UTF_8), Map.of("If-Match", "abc")), 400);
    }

    @Test
    void valuesTooLargeForTheirColumnsAre400NotA500() {
        String cis = "[" + String.join(",", java.util.Collections.nCopies(30, "\"ci-" + "x".repeat(190) + "\"")) + "]";
        JsonNode err = assertError(postTicket("application/json", "{\"subject\":\"x\",\"cis\":" + cis + "}"), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("cis"));
        assertError(patchProbe("{\"cis\":" + cis + "}"), 400);
        String custom = "{\"notes\":\"" + "n".repeat(25_000) + "\"}";
        JsonNode err2 = assertError(postTicket("application/json",
                "{\"subject\":\"x\",\"custom_fields\":" + custom + "}"), 400);
        assertThat(validationErrors(err2)).anySatisfy(e -> assertThat(e).contains("custom_fields"));
        assertError(patchProbe("{\"custom_fields\":" + custom + "}"), 400);
    }

    @Test
    void aFileNameWithControlCharactersIs400() {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        JsonNode err = assertError(api.send("POST", "/api/tickets/" + probeId
                + "/attachments?filename=a%0D%0AX-Injected:%201", "application/octet-stream", bytes), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("file name"));
        assertError(api.send("POST", "/api/tickets/" + probeId + "/attachments?filename=..%2Fetc%2Fpasswd",
                "application/octet-stream", bytes), 400);
        assertError(api.send("POST", "/api/tickets/" + probeId + "/attachments?filename=a.txt",
                "application/octet-stream", new byte[0]), 400);
        assertThat(ok(api.get("/api/tickets/" + probeId + "/attachments"), 200).get("items")).isEmpty();
    }

    @Test
    void jsonNestedDeeperThan32Is400() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertError(postTicket("application/json", "{\"subject\":\"x\",\"custom_fields\":" + deep + "}"), 400);
        assertError(postTicket("application/json", "[".repeat(100) + "]".repeat(100)), 400);
        assertError(patchProbe("{\"custom_fields\":" + deep + "}"), 400);
    }

    @Test
    void aJsonBodyOverTheApiLimitIs413() {
        String body = "{\"subject\":\"big\",\"description\":\"" + "d".repeat(MAX_JSON) + "\"}";
        assertThat(body.length()).isLessThan(MAX_SERVER_BODY);
        JsonNode err = assertError(postTicket("application/json", body), 413);
        assertThat(err.get("error").asText()).isEqualTo("payload_too_large");
        assertError(patchProbe("{\"description\":\"" + "d".repeat(MAX_JSON) + "\"}"), 413);
    }

    @Test
    void aBodyOverTheServerLimitIs413InTheErrorShape() {
        String body = "{\"subject\":\"huge\",\"description\":\"" + "d".repeat(MAX_SERVER_BODY * 2) + "\"}";
        ApiClient.Response r = postTicket("application/json", body);
        JsonNode err = assertError(r, 413);
        assertThat(err.get("error").asText()).isEqualTo("payload_too_large");
        byte[] bytes = new byte[MAX_SERVER_BODY * 2];
        assertError(api.send("POST", "/api/tickets/" + probeId + "/attachments?filename=x.bin",
                "application/octet-stream", bytes), 413);
        assertThat(ok(api.get("/api/tickets/" + probeId + "/attachments"), 200).get("items")).isEmpty();
    }

    @Test
    void anIdThatIsNotAUuidIs404() {
        for (String id : new String[] {"123", "TB-1", "abc", probeId.toUpperCase(), probeId + "0", "%20"}) {
            assertThat(assertError(api.get("/api/tickets/" + id), 404).get("error").asText()).isEqualTo("not_found");
        }
        assertError(patchProbeAt("not-a-uuid"), 404);
        assertError(api.delete("/api/tickets/not-a-uuid"), 404);
        assertError(api.get("/api/integrations/1"), 404);
        assertError(api.get("/api/jobs/1"), 404);
        assertError(api.get("/api/tickets/" + probeId + "/attachments/../content"), 404);
    }

    private ApiClient.Response patchProbeAt(String id) {
        return api.patch("/api/tickets/" + id, Map.of("priority", "high"));
    }

    @Test
    void anUnknownPathIs404() {
        assertError(api.get("/api/nothing-here"), 404);
        assertError(api.get("/api/tickets/" + probeId + "/nothing"), 404);
        assertError(api.post("/api/ticket", Map.of("subject", "typo")), 404);
        assertError(rt.anonymous().get("/nothing"), 404);
        assertError(rt.anonymous().get("/observe/health"), 404);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        ApiClient.Response r = api.put("/api/tickets", Map.of("subject", "x"));
        JsonNode err = assertError(r, 405);
        assertThat(err.get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(r.header("Allow")).hasValueSatisfying(v -> assertThat(v.split(",\\s*"))
                .containsExactlyInAnyOrder("GET", "HEAD", "POST"));
        ApiClient.Response post = api.post("/api/tickets/" + probeId, Map.of("subject", "x"));
        assertError(post, 405);
        assertThat(post.header("Allow")).hasValueSatisfying(v -> assertThat(v.split(",\\s*"))
                .containsExactlyInAnyOrder("GET", "HEAD", "PATCH", "DELETE"));
        assertError(api.delete("/api/openapi.json"), 405);
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() {
        ApiClient.Response get = api.get("/api/tickets/" + probeId);
        ApiClient.Response head = api.send("HEAD", "/api/tickets/" + probeId, null, null);
        assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(api.send("HEAD", "/api/tickets/" + java.util.UUID.randomUUID(), null, null).status())
                .isEqualTo(404);
        // still authenticated like GET
        assertThat(rt.anonymous().send("HEAD", "/api/tickets", null, null).status()).isEqualTo(401);
    }

    @Test
    void anUnknownQueryParameterIs400() {
        JsonNode err = assertError(api.get("/api/tickets?colour=red"), 400);
        assertThat(validationErrors(err)).anySatisfy(e -> assertThat(e).contains("colour"));
        assertError(api.get("/api/tickets/" + probeId + "/comments?sort=desc"), 400);
        assertError(api.get("/api/tickets?page=two"), 400);
        assertError(api.get("/api/tickets?status=open&status=new"), 400);
    }
}
