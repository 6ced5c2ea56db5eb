package io.ticketbridge.component.servicedeskplus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.sdp.RecordedRequest;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cloud Zoho OAuth (first token, refresh-and-retry-once on 401, a refused refresh token) and the
 * typed exceptions every vendor outcome maps to (401/403, 429 with Retry-After, 4001 with the field,
 * response_status errors on HTTP 200, 503, timeouts).
 */
class SdpAuthAndErrorsTest {

    static SdpTestBed bed;
    static SdpCalls onprem;
    static SdpCalls cloud;
    static SdpCalls badRefresh;
    static SdpCalls wrongKey;
    static SdpCalls slow;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start();
        onprem = new SdpCalls(bed.rt.context(), bed.integrationId);
        cloud = new SdpCalls(bed.rt.context(), integration("cloud", Map.of("edition", "cloud", "accounts_url",
                bed.sdp.baseUrl()), Map.of("client_id", "1000.SANDBOXCLIENTID", "client_secret", "sandbox-client-secret",
                "refresh_token", "1000.sandbox.refresh-token")));
        badRefresh = new SdpCalls(bed.rt.context(), integration("bad-refresh", Map.of("edition", "cloud",
                "accounts_url", bed.sdp.baseUrl()), Map.of("client_id", "1000.SANDBOXCLIENTID",
                "client_secret", "sandbox-client-secret", "refresh_token", "1000.revoked.token")));
        wrongKey = new SdpCalls(bed.rt.context(), integration("wrong-key", Map.of("edition", "onprem"),
                Map.of("authtoken", "not-the-key-00000")));
        slow = new SdpCalls(bed.rt.context(), integration("slow", Map.of("edition", "onprem", "timeout_ms", 300),
                Map.of("authtoken", SdpTestBed.AUTHTOKEN)));
    }

    private static String integration(String name, Map<String, Object> config, Map<String, String> creds) {
        ApiClient.Response r = bed.api.post("/api/integrations", Map.of("platform", "servicedeskplus", "name", name,
                "base_url", bed.sdp.baseUrl(), "config", config, "credentials", creds));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void reset() {
        bed.sdp.clearFaults();
        bed.sdp.clearRequests();
    }

    @Test
    void cloudFetchesATokenOnFirstUseThenReusesIt() {
        cloud.ok("test", "{}", Map.of());
        cloud.ok("test", "{}", Map.of());
        List<RecordedRequest> all = bed.sdp.requests();
        assertThat(all).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /oauth/v2/token", "GET /api/v3/requests", "GET /api/v3/requests");
        assertThat(all.get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(all.get(0).bodyAsString())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "refresh_token", "client_id", "1000.SANDBOXCLIENTID",
                "client_secret", "sandbox-client-secret", "refresh_token", "1000.sandbox.refresh-token"));
        RecordedRequest get = all.get(1);
        assertThat(get.header("Authorization")).startsWith("Zoho-oauthtoken ").hasSizeGreaterThan(20);
        assertThat(get.header("authtoken")).isNull();
        assertThat(get.header("Accept")).isEqualTo("application/vnd.manageengine.sdp.v3+json");
        assertThat(all.get(2).header("Authorization")).isEqualTo(get.header("Authorization"));
    }

    @Test
    void anExpiredCloudTokenIsRefreshedAndTheCallRetriedOnce() {
        cloud.ok("test", "{}", Map.of());
        String before = bed.calls("GET", "/requests").get(0).header("Authorization");
        bed.sdp.expireAccessTokens();
        bed.sdp.clearRequests();

        cloud.ok("test", "{}", Map.of());

        List<RecordedRequest> all = bed.sdp.requests();
        assertThat(all).extracting(r -> r.method() + " " + r.path() + " " + r.header("Authorization"))
                .hasSize(3);
        assertThat(all.get(0).path()).isEqualTo("/api/v3/requests");
        assertThat(all.get(0).header("Authorization")).isEqualTo(before);
        assertThat(all.get(1).path()).isEqualTo("/oauth/v2/token");
        assertThat(all.get(2).path()).isEqualTo("/api/v3/requests");
        assertThat(all.get(2).header("Authorization")).startsWith("Zoho-oauthtoken ").isNotEqualTo(before);
    }

    @Test
    void aSecond401AfterTheRefreshIsAnAuthenticationFailureWithoutMoreRetries() {
        cloud.ok("test", "{}", Map.of());
        bed.sdp.clearRequests();
        bed.sdp.failNextWithSdpError(2, 4022, null, "Invalid API Key");
        Exception e = cloud.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class);
        assertThat(((DeskAuthenticationException) e).statusCode()).isEqualTo(401);
        assertThat(bed.calls("GET", "/requests")).hasSize(2);
        assertThat(bed.sdp.requests().stream().filter(r -> r.path().equals("/oauth/v2/token"))).hasSize(1);
    }

    @Test
    void aRefusedRefreshTokenIsAnAuthenticationFailureAndNoApiCallIsMade() {
        Exception e = badRefresh.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class).hasMessageContaining("invalid_code");
        assertThat(e.getMessage()).doesNotContain("1000.revoked.token").doesNotContain("sandbox-client-secret");
        assertThat(bed.sdp.requests()).extracting(RecordedRequest::path).containsExactly("/oauth/v2/token");
    }

    @Test
    void cloudNotesUseTheRequestNoteRootAndDeleteIsAPlainDelete() {
        String id = Json.read(cloud.ok("createRequest", "{\"subject\":\"Cloud\"}", Map.of())).get("id").asText();
        cloud.ok("addNote", "{\"description\":\"cloud note\"}", Map.of("SdpRequestId", id));
        assertThat(bed.calls("POST", "/requests/" + id + "/notes").get(0).inputData())
                .isEqualTo(Json.read("{\"request_note\":{\"description\":\"cloud note\"}}"));
        assertThat(bed.sdp.notes(id)).hasSize(1);
        cloud.ok("deleteRequest", "{}", Map.of("SdpRequestId", id));
        assertThat(bed.calls("DELETE", "/requests/" + id)).hasSize(1);
        assertThat(bed.calls("DELETE", "/requests/" + id + "/move_to_trash")).isEmpty();
        assertThat(bed.sdp.request(id)).isNull();
    }

    @Test
    void aWrongAuthtokenIs401AuthenticationWithoutRetry() {
        Exception e = wrongKey.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class);
        assertThat(((DeskAuthenticationException) e).statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain("not-the-key-00000");
        assertThat(bed.calls("GET", "/requests")).hasSize(1);
    }

    @Test
    void forbiddenIsAnAuthenticationFailure() {
        bed.sdp.failNextWithSdpError(1, 4002, null, "Not permitted");
        Exception e = onprem.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class);
        assertThat(((DeskAuthenticationException) e).statusCode()).isEqualTo(403);
    }

    @Test
    void rateLimitedIsUnavailableWithTheRetryAfter() {
        bed.sdp.failNext(1, 429, Map.of("Retry-After", "7"), "{\"response_status\":{\"status_code\":4000,"
                + "\"status\":\"failed\",\"messages\":[{\"status_code\":4015,\"message\":\"API Rate Limit reached\"}]}}");
        Exception e = onprem.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskUnavailableException.class);
        DeskUnavailableException u = (DeskUnavailableException) e;
        assertThat(u.statusCode()).isEqualTo(429);
        assertThat(u.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void theSimulatorsOwnRateLimitGivesA429WithItsRetryAfter() {
        bed.sdp.rateLimit(1);
        try {
            onprem.ok("test", "{}", Map.of());
            Exception e = onprem.failure("test", "{}", Map.of());
            assertThat(e).isInstanceOf(DeskUnavailableException.class);
            assertThat(((DeskUnavailableException) e).statusCode()).isEqualTo(429);
            assertThat(((DeskUnavailableException) e).retryAfter()).hasValueSatisfying(d ->
                    assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        } finally {
            bed.sdp.rateLimit(0);
        }
    }

    @Test
    void anInvalidValueIs4001RejectedWithTheField() {
        String id = Json.read(onprem.ok("createRequest", "{\"subject\":\"Bad group\"}", Map.of())).get("id").asText();
        Exception e = onprem.failure("updateRequest", "{\"group\":{\"name\":\"No Such Team\"}}",
                Map.of("SdpRequestId", id));
        assertThat(e).isInstanceOf(SdpRejectedException.class);
        SdpRejectedException r = (SdpRejectedException) e;
        assertThat(r.sdpCode()).isEqualTo(4001);
        assertThat(r.field()).isEqualTo("group");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.vendorBody()).contains("4001");
    }

    @Test
    void aFailedResponseStatusOnHttp200IsARejection() {
        bed.sdp.failNext(1, 200, Map.of(), "{\"response_status\":{\"status_code\":4000,\"status\":\"failed\","
                + "\"messages\":[{\"status_code\":4012,\"field\":\"subject\",\"message\":\"mandatory\"}]}}");
        Exception e = onprem.failure("createRequest", "{\"subject\":\"x\"}", Map.of());
        assertThat(e).isInstanceOf(SdpRejectedException.class);
        assertThat(((SdpRejectedException) e).sdpCode()).isEqualTo(4012);
        assertThat(((SdpRejectedException) e).field()).isEqualTo("subject");
    }

    @Test
    void serviceUnavailableAndTimeoutsAreUnavailable() {
        bed.sdp.failNext(1, 503, Map.of(), "Service Unavailable");
        Exception e = onprem.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskUnavailableException.class);
        assertThat(((DeskUnavailableException) e).statusCode()).isEqualTo(503);
        assertThat(((DeskUnavailableException) e).retryAfter()).isEmpty();

        bed.sdp.delayNext(1, Duration.ofSeconds(2));
        Exception t = slow.failure("test", "{}", Map.of());
        assertThat(t).isInstanceOf(DeskUnavailableException.class).hasMessageContaining("300 ms");
        assertThat(((DeskUnavailableException) t).statusCode()).isZero();
    }
}
