package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static io.ticketbridge.testing.SdpTestBed.assertError;
import static io.ticketbridge.testing.SdpTestBed.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every seed 000 endpoint answers in the one error shape and changes nothing: wrong
 * content type (415), malformed JSON (400), unknown fields, missing / malformed / unknown ticket
 * ids, unlinked tickets (409); unknown integrations, missing auth, another space's integration; and
 * the per-space API rate limit with its headers.
 */
class SdpApiErrorsTest {

    static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    /** Endpoints that take a JSON body naming one hub ticket, with a valid body apart from the ticket. */
    static final Map<String, Map<String, Object>> TICKET_ENDPOINTS = new LinkedHashMap<>();

    static {
        TICKET_ENDPOINTS.put("/push", Map.of());
        TICKET_ENDPOINTS.put("/update", Map.of("fields", Map.of("priority", "high")));
        TICKET_ENDPOINTS.put("/delete", Map.of());
        TICKET_ENDPOINTS.put("/comments", Map.of("comment", "hello"));
        TICKET_ENDPOINTS.put("/time-logs", Map.of("minutes", 5));
        TICKET_ENDPOINTS.put("/resolution", Map.of("resolution", "done"));
        TICKET_ENDPOINTS.put("/link", Map.of("linked_remote_id", "1"));
        TICKET_ENDPOINTS.put("/attachments", Map.of("filename", "a.txt", "content_base64", "aGVsbG8="));
    }

    /** Every JSON POST endpoint of the seed on the alias. */
    static final List<String> JSON_POSTS = List.of("/push", "/update", "/sync", "/delete", "/bulk-push", "/jobs",
            "/comments", "/attachments", "/time-logs", "/resolution", "/link", "/sync-schedule", "/field-mappings",
            "/templates", "/import-config", "/conflict-resolution", "/test", "/jobs/process");

    static SdpTestBed bed;
    static ApiClient api;
    static String unlinked;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start();
        api = bed.api;
        unlinked = bed.ticket(Map.of("subject", "Never pushed"));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void wrongContentTypeAndMalformedJsonOnEveryJsonEndpoint() {
        long jobs = bed.count("select count(*) from jobs");
        for (String path : JSON_POSTS) {
            assertError(api.send("POST", ALIAS + path, "text/plain", "ticket_id=x".getBytes()), 415,
                    "unsupported_media_type");
            assertError(api.send("POST", ALIAS + path, "application/json", "{\"ticket_id\": ".getBytes()), 400,
                    "bad_request");
        }
        assertError(api.send("PUT", ALIAS + "/sync-schedule", "text/plain", "x".getBytes()), 415,
                "unsupported_media_type");
        assertError(api.send("PUT", ALIAS, "application/json", "[1,2]".getBytes()), 400, "bad_request");
        assertThat(bed.count("select count(*) from jobs")).isEqualTo(jobs);
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void unknownFieldsAreNamed() {
        for (String path : List.of("/push", "/update", "/sync", "/delete", "/bulk-push", "/jobs", "/comments",
                "/attachments", "/time-logs", "/resolution", "/link", "/sync-schedule", "/templates", "/import-config",
                "/conflict-resolution")) {
            assertValidation(api.post(ALIAS + path, Map.of("bogus", 1)), "unknown field 'bogus'");
        }
        assertValidation(api.post(ALIAS, Map.of("bogus", 1)), "unknown field 'bogus'");
        assertValidation(api.put(ALIAS, Map.of("bogus", 1)), "unknown field 'bogus'");
        assertValidation(api.get(ALIAS + "/list?colour=red"), "unknown query parameter 'colour'");
        assertValidation(api.get(ALIAS + "/list?page_size=0"), "page_size");
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void missingMalformedUnknownAndUnlinkedTicketIds() {
        long jobs = bed.count("select count(*) from jobs");
        TICKET_ENDPOINTS.forEach((path, body) -> {
            assertValidation(api.post(ALIAS + path, body), "'ticket_id' is required");
            assertValidation(api.post(ALIAS + path, with(body, "nope")), "ticket_id");
            assertError(api.post(ALIAS + path, with(body, UNKNOWN)), 404, "not_found");
            if (!path.equals("/push")) {
                assertError(api.post(ALIAS + path, with(body, unlinked)), 409, "conflict");
            }
        });
        assertError(api.post(ALIAS + "/sync", Map.of("ticket_id", unlinked)), 409, "conflict");
        assertError(api.post(ALIAS + "/sync", Map.of("ticket_id", UNKNOWN)), 404, "not_found");
        for (String read : List.of("/comments", "/attachments", "/time-logs")) {
            assertValidation(api.get(ALIAS + read), "'ticket_id' is required");
            assertValidation(api.get(ALIAS + read + "?ticket_id=nope"), "ticket_id");
            assertError(api.get(ALIAS + read + "?ticket_id=" + UNKNOWN), 404, "not_found");
            assertError(api.get(ALIAS + read + "?ticket_id=" + unlinked), 409, "conflict");
        }
        assertThat(bed.count("select count(*) from jobs")).isEqualTo(jobs);
        assertThat(bed.count("select count(*) from comments where ticket_id=?", unlinked)).isZero();
        assertThat(bed.hubTicket(unlinked).get("status").asText()).isEqualTo("new");
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void unknownIntegrationsMissingAuthAndOtherSpaces() {
        assertError(api.post("/api/integrations/no-such-desk/push", Map.of("ticket_id", unlinked)), 404, "not_found");
        assertError(api.post("/api/integrations/" + UNKNOWN + "/push", Map.of("ticket_id", unlinked)), 404,
                "not_found");
        assertError(bed.rt.client(null).post(ALIAS + "/push", Map.of("ticket_id", unlinked)), 401, "unauthorized");
        assertError(bed.rt.client("not-a-key-0123456789").get(ALIAS), 401, "unauthorized");

        ApiClient.Response space = api.post("/api/spaces", Map.of("name", "Outsider"));
        ApiClient other = bed.rt.client(space.json().get("api_key").asText());
        assertError(other.get(ALIAS), 404, "not_found");
        assertError(other.get("/api/integrations/" + bed.integrationId), 404, "not_found");
        assertError(other.post("/api/integrations/" + bed.integrationId + "/push", Map.of("ticket_id", unlinked)), 404,
                "not_found");
        assertError(other.get("/api/integrations/" + bed.integrationId + "/export-config"), 404, "not_found");
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void thePerSpaceRateLimitAppliesToTheseEndpointsWithItsHeaders() {
        ApiClient.Response space = api.post("/api/spaces", Map.of("name", "Limited"));
        String spaceId = space.json().get("id").asText();
        ApiClient limited = bed.rt.client(space.json().get("api_key").asText());
        assertThat(api.put("/api/spaces/" + spaceId + "/rate-limits", Map.of("per_minute", 4, "block_seconds", 60))
                .status()).isEqualTo(200);
        ApiClient.Response created = limited.post(ALIAS, Map.of("url", bed.sdp.baseUrl(), "api_key",
                SdpTestBed.AUTHTOKEN));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-RateLimit-Limit")).contains("4");
        assertThat(created.header("X-RateLimit-Remaining")).contains("3");
        for (int i = 0; i < 3; i++) {
            assertThat(limited.get(ALIAS + "/sync-schedule").status()).isEqualTo(200);
        }
        ApiClient.Response refused = limited.post(ALIAS + "/push", Map.of("ticket_id", UNKNOWN));
        assertError(refused, 429, "rate_limited");
        assertThat(refused.header("X-RateLimit-Limit")).contains("4");
        assertThat(refused.header("X-RateLimit-Remaining")).contains("0");
        assertThat(refused.header("X-RateLimit-Reset")).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
                .isGreaterThan(System.currentTimeMillis() / 1000));
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertError(limited.get(ALIAS + "/health"), 429, "rate_limited");
        // other spaces are not affected
        assertThat(api.get(ALIAS + "/sync-schedule").status()).isEqualTo(200);
    }

    private static Map<String, Object> with(Map<String, Object> body, String ticketId) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        m.put("ticket_id", ticketId);
        return m;
    }
}
