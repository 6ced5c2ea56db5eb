package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.fields;
import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Basic auth, the three OAuth grants, token expiry and the 401 bodies. */
class ServiceNowAuthTest {

    private static final String NOT_AUTHENTICATED = """
            {"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},
             "status":"failure"}""";
    private static final String DENIED = "{\"error_description\":\"access_denied\",\"error\":\"server_error\"}";

    private final SimClock clock = SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"));
    private final ServiceNowSimulator sim = ServiceNowSimulator.builder().clock(clock)
            .user("svc.sync", "s3cret-pass", "Sync Service").user("svc.robot", "robot-pass")
            .oauthClient("client-1", "client-secret-1").clientCredentialsUser("svc.robot").start();

    @AfterEach
    void stop() {
        sim.close();
    }

    private SnClient.Response token(Map<String, String> form) {
        return SnClient.postForm(sim.tokenUrl(), form);
    }

    private SnClient.Response passwordGrant() {
        return token(fields("grant_type", "password", "client_id", "client-1", "client_secret", "client-secret-1",
                "username", "svc.sync", "password", "s3cret-pass"));
    }

    private int list(SnClient client) {
        return client.get("/api/now/table/incident?sysparm_limit=1").status();
    }

    @Test
    void basicAuthWithTheConfiguredUser() {
        assertThat(list(SnClient.basic(sim, "svc.sync", "s3cret-pass"))).isEqualTo(200);
        assertThat(sim.userName()).isEqualTo("svc.sync");
    }

    @Test
    void wrongOrMissingCredentialsAre401WithServiceNowsBody() {
        SnClient.Response wrong = SnClient.basic(sim, "svc.sync", "nope").get("/api/now/table/incident");
        SnClient.Response missing = new SnClient(sim.baseUrl(), null).get("/api/now/table/incident");
        SnClient.Response garbage = new SnClient(sim.baseUrl(), "Basic ###").get("/api/now/table/incident");
        SnClient.Response unknownBearer = SnClient.bearer(sim, "made-up").get("/api/now/attachment");

        for (SnClient.Response r : new SnClient.Response[] {wrong, missing, garbage, unknownBearer}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(json(NOT_AUTHENTICATED));
            assertThat(r.header("WWW-Authenticate")).isEqualTo("BASIC realm=\"Service-now\"");
        }
    }

    @Test
    void passwordGrantIssuesBearerAndRefreshTokens() {
        SnClient.Response granted = passwordGrant();

        assertThat(granted.status()).isEqualTo(200);
        JsonNode body = granted.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(1799);
        assertThat(body.get("scope").asText()).isEqualTo("useraccount");
        assertThat(body.get("access_token").asText()).hasSize(86);
        assertThat(body.get("refresh_token").asText()).hasSize(86).isNotEqualTo(body.get("access_token").asText());
        SnClient bearer = SnClient.bearer(sim, body.get("access_token").asText());
        SnClient.Response created = bearer.post("/api/now/table/incident", "{\"short_description\":\"via oauth\"}");
        assertThat(created.result().get("sys_created_by").asText()).isEqualTo("svc.sync");
        assertThat(bearer.get("/api/now/attachment").status()).isEqualTo(200);
    }

    @Test
    void clientCredentialsGrantActsAsTheApplicationUserWithoutRefreshToken() {
        SnClient.Response granted = token(fields("grant_type", "client_credentials", "client_id", "client-1",
                "client_secret", "client-secret-1"));

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().has("refresh_token")).isFalse();
        SnClient bearer = SnClient.bearer(sim, granted.json().get("access_token").asText());
        assertThat(bearer.post("/api/now/table/incident", "{}").result().get("sys_created_by").asText())
                .isEqualTo("svc.robot");
    }

    @Test
    void clientCredentialsCanBeSwitchedOff() {
        try (ServiceNowSimulator off = ServiceNowSimulator.builder().clientCredentialsGrant(false).start()) {
            SnClient.Response refused = SnClient.postForm(off.tokenUrl(), fields("grant_type", "client_credentials",
                    "client_id", "sandbox-oauth-client", "client_secret", "sandbox-oauth-secret"));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json()).isEqualTo(json(DENIED));
        }
    }

    @Test
    void tokensExpireWithTheClockAndRefreshTokensRenewThem() {
        JsonNode granted = passwordGrant().json();
        SnClient bearer = SnClient.bearer(sim, granted.get("access_token").asText());
        clock.advance(Duration.ofSeconds(1798));
        assertThat(list(bearer)).isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        SnClient.Response expired = bearer.get("/api/now/table/incident");
        SnClient.Response refreshed = token(fields("grant_type", "refresh_token", "client_id", "client-1",
                "client_secret", "client-secret-1", "refresh_token", granted.get("refresh_token").asText()));

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json()).isEqualTo(json(NOT_AUTHENTICATED));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("refresh_token").asText()).isEqualTo(granted.get("refresh_token").asText());
        assertThat(list(SnClient.bearer(sim, refreshed.json().get("access_token").asText()))).isEqualTo(200);
    }

    @Test
    void expireTokensEndsEveryAccessTokenNowButNotRefreshTokens() {
        JsonNode granted = passwordGrant().json();
        SnClient bearer = SnClient.bearer(sim, granted.get("access_token").asText());
        SnClient issued = SnClient.bearer(sim, sim.issueAccessToken("svc.robot"));
        assertThat(list(bearer)).isEqualTo(200);
        assertThat(list(issued)).isEqualTo(200);

        sim.expireTokens();

        assertThat(list(bearer)).isEqualTo(401);
        assertThat(list(issued)).isEqualTo(401);
        Map<String, String> refresh = fields("grant_type", "refresh_token", "client_id", "client-1",
                "client_secret", "client-secret-1", "refresh_token", granted.get("refresh_token").asText());
        assertThat(token(refresh).status()).isEqualTo(200);
        sim.expireRefreshTokens();
        assertThat(token(refresh).json()).isEqualTo(json(DENIED));
    }

    @Test
    void badClientUserGrantOrMethodAtTheTokenEndpoint() {
        SnClient.Response badSecret = token(fields("grant_type", "password", "client_id", "client-1",
                "client_secret", "wrong", "username", "svc.sync", "password", "s3cret-pass"));
        SnClient.Response badPassword = token(fields("grant_type", "password", "client_id", "client-1",
                "client_secret", "client-secret-1", "username", "svc.sync", "password", "wrong"));
        SnClient.Response badGrant = token(fields("grant_type", "authorization_code", "client_id", "client-1",
                "client_secret", "client-secret-1"));
        SnClient.Response badRefresh = token(fields("grant_type", "refresh_token", "client_id", "client-1",
                "client_secret", "client-secret-1", "refresh_token", "nope"));
        SnClient.Response get = new SnClient(sim.baseUrl(), null).get("/oauth_token.do");

        for (SnClient.Response r : new SnClient.Response[] {badSecret, badPassword, badGrant, badRefresh}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(json(DENIED));
        }
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void credentialsNeverAppearInTheJournalsTextForm() {
        passwordGrant();
        SnClient.basic(sim, "svc.sync", "s3cret-pass").get("/api/now/table/incident");

        assertThat(sim.requests().toString()).doesNotContain("s3cret-pass").doesNotContain("client-secret-1");
        assertThat(sim.requests().get(1).header("Authorization")).startsWith("Basic ");
    }
}
