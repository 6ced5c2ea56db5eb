package io.ticketbridge.component.servicenow;

import static io.ticketbridge.component.servicenow.SnTestBed.CLIENT_ID;
import static io.ticketbridge.component.servicenow.SnTestBed.CLIENT_SECRET;
import static io.ticketbridge.component.servicenow.SnTestBed.PASSWORD;
import static io.ticketbridge.component.servicenow.SnTestBed.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Basic and OAuth (password and client-credentials grants against /oauth_token.do): tokens cached
 * per integration, refreshed before expiry, after a 401 (one retry) and after a long back-off.
 */
class ServiceNowAuthTest {

    static final String TOKEN = "/oauth_token.do";
    static final String TABLE = "/api/now/table/incident";
    static final String EMPTY = "{\"result\":[]}";
    final SnTestBed bed = new SnTestBed();
    final SnStub stub = bed.stub;
    final String pw = bed.integration("sn-pw", Map.of(), Map.of("username", USER, "password", PASSWORD,
            "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
    final String cc = bed.integration("sn-cc", Map.of(), Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));

    @AfterEach
    void verifyAndClose() {
        try {
            stub.verify();
        } finally {
            bed.close();
        }
    }

    static String token(String access, String refresh) {
        return "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh + "\",\"scope\":\"useraccount\","
                + "\"token_type\":\"Bearer\",\"expires_in\":1799}";
    }

    @Test
    void thePasswordGrantFetchesATokenOnceAndEveryCallReusesIt() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 200, EMPTY).expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        bed.ok("test", pw, "{}", Map.of());
        SnStub.Request grant = stub.request(0);
        assertThat(grant.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(grant.header("Accept")).isEqualTo("application/json");
        assertThat(grant.header("Authorization")).isNull();
        assertThat(grant.form()).containsExactly(Map.entry("grant_type", "password"), Map.entry("client_id", CLIENT_ID),
                Map.entry("client_secret", CLIENT_SECRET), Map.entry("username", USER), Map.entry("password", PASSWORD));
        assertThat(stub.request(1).header("Authorization")).isEqualTo("Bearer access-token-one");
        assertThat(stub.request(2).header("Authorization")).isEqualTo("Bearer access-token-one");
        assertThat(bed.auditDetails()).hasSize(3).allSatisfy(d -> assertThat(d).doesNotContain(PASSWORD)
                .doesNotContain(CLIENT_SECRET).doesNotContain("access-token-one").doesNotContain("refresh-token-one"));
    }

    @Test
    void withoutAUserTheClientCredentialsGrantIsUsed() {
        stub.expect("POST", TOKEN, 200, "{\"access_token\":\"cc-access-token\",\"token_type\":\"Bearer\","
                + "\"expires_in\":1799}");
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", cc, "{}", Map.of());
        assertThat(stub.request(0).form()).containsExactly(Map.entry("grant_type", "client_credentials"),
                Map.entry("client_id", CLIENT_ID), Map.entry("client_secret", CLIENT_SECRET));
        assertThat(stub.request(1).header("Authorization")).isEqualTo("Bearer cc-access-token");
    }

    @Test
    void theTokenIsRefreshedWithTheRefreshTokenShortlyBeforeItExpires() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        bed.advance(Duration.ofSeconds(1700));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        assertThat(stub.request(2).header("Authorization")).isEqualTo("Bearer access-token-one");

        bed.advance(Duration.ofSeconds(45)); // 1745 s: within the last minute of 1799
        stub.expect("POST", TOKEN, 200, token("access-token-two", "refresh-token-two"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        assertThat(stub.request(3).form()).containsExactly(Map.entry("grant_type", "refresh_token"),
                Map.entry("client_id", CLIENT_ID), Map.entry("client_secret", CLIENT_SECRET),
                Map.entry("refresh_token", "refresh-token-one"));
        assertThat(stub.request(4).header("Authorization")).isEqualTo("Bearer access-token-two");
    }

    @Test
    void aRefusedRefreshTokenFallsBackToTheFullGrant() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        bed.advance(Duration.ofHours(2));
        stub.expect("POST", TOKEN, 401, "{\"error_description\":\"access_denied\",\"error\":\"server_error\"}");
        stub.expect("POST", TOKEN, 200, token("access-token-two", "refresh-token-two"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        assertThat(stub.request(2).form().get("grant_type")).isEqualTo("refresh_token");
        assertThat(stub.request(3).form().get("grant_type")).isEqualTo("password");
        assertThat(stub.request(4).header("Authorization")).isEqualTo("Bearer access-token-two");
    }

    @Test
    void a401GetsANewTokenAndRetriesTheCallOnce() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 401, "{\"error\":{\"message\":\"User Not Authenticated\",\"detail\":\"Required to"
                + " provide Auth information\"},\"status\":\"failure\"}");
        stub.expect("POST", TOKEN, 200, token("access-token-two", "refresh-token-two"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        assertThat(stub.request(1).header("Authorization")).isEqualTo("Bearer access-token-one");
        assertThat(stub.request(2).form()).containsEntry("grant_type", "refresh_token");
        assertThat(stub.request(3).header("Authorization")).isEqualTo("Bearer access-token-two");
    }

    @Test
    void aSecond401AfterTheNewTokenIsAnAuthenticationFailureWithoutMoreRetries() {
        String denied = "{\"error\":{\"message\":\"User Not Authenticated\",\"detail\":\"Required to provide Auth"
                + " information\"},\"status\":\"failure\"}";
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 401, denied);
        stub.expect("POST", TOKEN, 200, token("access-token-two", "refresh-token-two"));
        stub.expect("GET", TABLE, 401, denied);
        Exception e = bed.failure("test", pw, "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class).hasMessageContaining("User Not Authenticated");
        assertThat(((DeskAuthenticationException) e).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefusedGrantIsAnAuthenticationFailureWithoutSecretsAndWithoutAnApiCall() {
        stub.expect("POST", TOKEN, 401, "{\"error_description\":\"access_denied for " + CLIENT_SECRET + "\","
                + "\"error\":\"server_error\"}");
        Exception e = bed.failure("test", pw, "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class).hasMessageContaining("access_denied")
                .hasMessageContaining("password grant");
        assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain(PASSWORD);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void afterALongBackOffTheFirstCallGetsAFreshToken() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 429, Map.of("Retry-After", "600"), "{\"error\":{\"message\":\"Rate limit exceeded\"},"
                + "\"status\":\"failure\"}");
        assertThat(bed.failure("test", pw, "{}", Map.of())).isInstanceOf(DeskUnavailableException.class);
        bed.advance(Duration.ofSeconds(601));
        // the old token would still be valid by its expiry; a back-off this long replaces it anyway
        stub.expect("POST", TOKEN, 200, token("access-token-two", "refresh-token-two"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        assertThat(stub.request(2).form()).containsEntry("grant_type", "refresh_token");
        assertThat(stub.request(3).header("Authorization")).isEqualTo("Bearer access-token-two");
    }

    @Test
    void aShortBackOffKeepsTheToken() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 429, Map.of("Retry-After", "5"), null);
        bed.failure("test", pw, "{}", Map.of());
        bed.advance(Duration.ofSeconds(6));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", pw, "{}", Map.of());
        assertThat(stub.request(2).header("Authorization")).isEqualTo("Bearer access-token-one");
    }

    @Test
    void rotatedCredentialsNeverReuseTheOldToken() {
        stub.expect("POST", TOKEN, 200, token("access-token-one", "refresh-token-one"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", cc, "{}", Map.of());
        bed.integration("sn-cc", Map.of(), Map.of("client_id", CLIENT_ID, "client_secret", "rotated-secret-value"));
        stub.expect("POST", TOKEN, 200, token("access-token-two", "refresh-token-two"));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", cc, "{}", Map.of());
        assertThat(stub.request(2).form()).containsEntry("client_secret", "rotated-secret-value")
                .containsEntry("grant_type", "client_credentials");
        assertThat(stub.request(3).header("Authorization")).isEqualTo("Bearer access-token-two");
    }

    @Test
    void theOauthConfigKeyChoosesTheGrantAndMissingCredentialsFailBeforeAnyCall() {
        bed.integration("sn-basic-forced", Map.of("oauth", "none"), Map.of("username", USER, "password", PASSWORD,
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
        stub.expect("GET", TABLE, 200, EMPTY);
        bed.ok("test", "sn-basic-forced", "{}", Map.of());
        assertThat(stub.request(0).header("Authorization")).isEqualTo(SnTestBed.basicHeader());

        bed.integration("sn-pw-missing", Map.of("oauth", "password"), Map.of("client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET));
        assertThat(bed.failure("test", "sn-pw-missing", "{}", Map.of())).isInstanceOf(DeskAuthenticationException.class)
                .hasMessageContaining("username");
        bed.integration("sn-odd", Map.of("oauth", "saml"), Map.of("username", USER, "password", PASSWORD));
        assertThat(bed.failure("test", "sn-odd", "{}", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client_credentials");
        bed.integration("sn-nothing", Map.of(), Map.of());
        assertThat(bed.failure("test", "sn-nothing", "{}", Map.of())).isInstanceOf(DeskAuthenticationException.class);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void basicAuthIsNotRetriedOnA401AndTheMfaHintIsGiven() {
        stub.expect("GET", TABLE, 401, Map.of("X-MFA_TOKEN", "invalid"), "{\"error\":{\"message\":\"User Not"
                + " Authenticated\",\"detail\":\"Required to provide Auth information\"},\"status\":\"failure\"}");
        Exception e = bed.failure("test", "{}", Map.of());
        assertThat(e).isInstanceOf(DeskAuthenticationException.class).hasMessageContaining("multi-factor");
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
        assertThat(stub.requests()).hasSize(1);
    }
}
