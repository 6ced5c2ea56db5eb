package io.ticketbridge.sandbox.sdp;

import static io.ticketbridge.sandbox.sdp.SdpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SdpSimulatorAuthTest {

    private static final String UNAUTHORIZED = """
            {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4022,
             "type":"failed","message":"Invalid API Key"}]}}""";

    private final TestClock clock = new TestClock(1_717_430_400_000L);
    private SdpSimulator sim;

    @BeforeEach
    void start() {
        sim = SdpSimulator.start(new SdpSimulator.Options().clock(clock).authtoken("6FXXX-key")
                .oauthClient("1000.CLIENT", "s3cret").oauthRefreshToken("1000.refresh")
                .accessTokenLifetime(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SdpTestClient.Response tokenCall(String form) {
        return SdpTestClient.onPrem(sim).send(HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
                .header("Content-Type", SdpTestClient.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void wrongOrMissingAuthtokenIs401() {
        SdpTestClient.Response wrong = SdpTestClient.withHeader(sim, "authtoken", "nope").get("/requests");
        SdpTestClient.Response missing = SdpTestClient.withHeader(sim, null, null).get("/requests");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(json(UNAUTHORIZED));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json()).isEqualTo(json(UNAUTHORIZED));
        assertThat(sim.requestCount()).isZero();
    }

    @Test
    void acceptsTheThreeOnPremHeaderForms() {
        assertThat(SdpTestClient.withHeader(sim, "authtoken", "6FXXX-key").get("/requests").status()).isEqualTo(200);
        assertThat(SdpTestClient.withHeader(sim, "Authtoken", "6FXXX-key").get("/requests").status()).isEqualTo(200);
        assertThat(SdpTestClient.withHeader(sim, "TECHNICIAN_KEY", "6FXXX-key").get("/requests").status())
                .isEqualTo(200);
        assertThat(SdpTestClient.withHeader(sim, "Authorization", "authtoken: 6FXXX-key").get("/requests").status())
                .isEqualTo(200);
        assertThat(SdpTestClient.withHeader(sim, "Authorization", "Bearer 6FXXX-key").get("/requests").status())
                .isEqualTo(401);
    }

    @Test
    void refreshTokenFlowIssuesTokensThatExpire() {
        SdpTestClient.Response token = tokenCall(
                "grant_type=refresh_token&client_id=1000.CLIENT&client_secret=s3cret&refresh_token=1000.refresh");
        JsonNode body = token.json();
        String accessToken = body.get("access_token").asText();
        SdpTestClient cloud = SdpTestClient.withHeader(sim, "Authorization", "Zoho-oauthtoken " + accessToken);

        assertThat(token.status()).isEqualTo(200);
        assertThat(accessToken).startsWith("1000.");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("api_domain").asText()).isEqualTo(sim.baseUrl());
        assertThat(cloud.get("/requests").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(59));
        assertThat(cloud.get("/requests").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        SdpTestClient.Response expired = cloud.get("/requests");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json()).isEqualTo(json(UNAUTHORIZED));

        String refreshed = tokenCall("grant_type=refresh_token&client_id=1000.CLIENT&client_secret=s3cret"
                + "&refresh_token=1000.refresh").json().get("access_token").asText();
        assertThat(refreshed).isNotEqualTo(accessToken);
        assertThat(SdpTestClient.withHeader(sim, "Authorization", "Zoho-oauthtoken " + refreshed).get("/requests")
                .status()).isEqualTo(200);
    }

    @Test
    void tokenEndpointAlsoReadsTheQueryString() {
        SdpTestClient.Response token = SdpTestClient.onPrem(sim).send(HttpRequest.newBuilder(URI.create(
                sim.tokenUrl() + "?grant_type=refresh_token&client_id=1000.CLIENT&client_secret=s3cret"
                        + "&refresh_token=1000.refresh")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(token.json().has("access_token")).isTrue();
    }

    @Test
    void tokenErrorsComeBackZohoStyle() {
        assertThat(tokenCall("grant_type=refresh_token&client_id=1000.CLIENT&client_secret=bad&refresh_token=1000.refresh")
                .json()).isEqualTo(json("{\"error\":\"invalid_client\"}"));
        assertThat(tokenCall("grant_type=refresh_token&client_id=1000.CLIENT&client_secret=s3cret&refresh_token=old")
                .json()).isEqualTo(json("{\"error\":\"invalid_code\"}"));
        assertThat(tokenCall("grant_type=password&client_id=1000.CLIENT&client_secret=s3cret")
                .json()).isEqualTo(json("{\"error\":\"unsupported_grant_type\"}"));
    }

    @Test
    void unknownAndRevokedAccessTokensAre401() {
        String token = sim.issueAccessToken();
        SdpTestClient cloud = SdpTestClient.withHeader(sim, "Authorization", "Zoho-oauthtoken " + token);
        assertThat(cloud.get("/requests").status()).isEqualTo(200);

        sim.expireAccessTokens();

        assertThat(cloud.get("/requests").status()).isEqualTo(401);
        assertThat(SdpTestClient.withHeader(sim, "Authorization", "Zoho-oauthtoken 1000.made.up").get("/requests")
                .status()).isEqualTo(401);
    }

    @Test
    void journalRecordsHeadersAndDecodedInputData() {
        SdpTestClient client = SdpTestClient.onPrem(sim);
        client.post("/requests", "{\"request\":{\"subject\":\"journal me\"}}");
        client.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/requests")).header("authtoken", "6FXXX-key")
                .header("Accept", "application/json").GET());

        RecordedRequest create = sim.requests().get(0);
        RecordedRequest list = sim.requests().get(1);

        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.path()).isEqualTo("/api/v3/requests");
        assertThat(create.header("ACCEPT")).isEqualTo(SdpSimulator.ACCEPT);
        assertThat(create.header("authtoken")).isEqualTo("6FXXX-key");
        assertThat(create.header("content-type")).isEqualTo(SdpTestClient.FORM);
        assertThat(create.inputData()).isEqualTo(json("{\"request\":{\"subject\":\"journal me\"}}"));
        assertThat(create.bodyAsString()).startsWith("input_data=");
        assertThat(list.header("Accept")).isEqualTo("application/json");
        assertThat(list.inputData()).isNull();

        sim.clearRequests();
        assertThat(sim.requests()).isEmpty();
    }
}
