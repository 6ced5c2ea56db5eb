package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No credential value (on-prem authtoken, webhook secret, Cloud client secret, refresh and access
 * tokens) appears in API responses, exports, audit entries, sync logs or log output, also when
 * calls fail; audit entries and sync logs exist for pushes, pulls and webhooks.
 */
class SdpSecretsTest {

    static final String CLIENT_SECRET = "cloud-client-secret-9d8e7f";
    static final String REFRESH = "1000.refresh-token-4c5b6a";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} [cid=%X{correlationId:-}]"
            + " %maskedMsg%n%maskedEx";

    static SdpTestBed bed;
    static ApiClient api;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static OutputStreamAppender<ILoggingEvent> appender;
    static String cloudId;

    @BeforeAll
    static void boot() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(LOG);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        ctx.getLogger("io.ticketbridge").setLevel(ch.qos.logback.classic.Level.DEBUG);

        bed = SdpTestBed.start(new SdpSimulator.Options().oauthClient("1000.CLIENT", CLIENT_SECRET)
                .oauthRefreshToken(REFRESH), Map.of(), Map.of());
        api = bed.api;
        ApiClient.Response space = api.post("/api/spaces", Map.of("name", "Cloud space"));
        ApiClient.Response cloud = api.post(ALIAS, Map.of("space_id", space.json().get("id").asText(),
                "url", bed.sdp.baseUrl(), "edition", "cloud", "accounts_url", bed.sdp.baseUrl(),
                "client_id", "1000.CLIENT", "client_secret", CLIENT_SECRET, "refresh_token", REFRESH,
                "webhook_secret", SdpTestBed.WEBHOOK_SECRET + "-cloud"));
        assertThat(cloud.status()).as(cloud.toString()).isEqualTo(201);
        cloudId = cloud.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        bed.close();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        ctx.getLogger("io.ticketbridge").setLevel(ch.qos.logback.classic.Level.INFO);
    }

    @Test
    void noCredentialLeaksThroughResponsesExportsAuditSyncLogsOrLogs() {
        // successful work on both editions, failures, rejected webhooks
        String id = bed.ticket(Map.of("subject", "Secret keeper"));
        String remoteId = bed.push(id);
        assertThat(api.post(ALIAS + "/comments", Map.of("ticket_id", id, "comment", "hi")).status()).isEqualTo(201);
        assertThat(api.post(ALIAS + "/sync", Map.of("ticket_id", id)).status()).isEqualTo(200);
        String cloudTicket = api.post("/api/tickets", Map.of("subject", "Cloud ticket", "space_id",
                api.get("/api/integrations/" + cloudId).json().get("space_id").asText())).json().get("id").asText();
        ApiClient.Response cloudPush = api.post("/api/integrations/" + cloudId + "/push",
                Map.of("ticket_id", cloudTicket));
        assertThat(cloudPush.status()).as(cloudPush.toString()).isEqualTo(200);
        assertThat(bed.sdp.notes(remoteId)).hasSize(1);
        bed.sdp.expireAccessTokens();
        assertThat(api.post("/api/integrations/" + cloudId + "/test", null).json().get("success").asBoolean())
                .isTrue();
        bed.sdp.failNextWithSdpError(1, 4022, null, "Invalid API Key");
        assertThat(api.post(ALIAS + "/test", null).json().get("success").asBoolean()).isFalse();
        bed.rt.client(null).send("POST", ALIAS + "/webhook", "application/json",
                "{\"event\":\"request.updated\",\"request\":{\"id\":\"1\"}}".getBytes(),
                Map.of("X-Webhook-Secret", "guess-" + SdpTestBed.WEBHOOK_SECRET));
        ApiClient.Response hook = bed.rt.client(null).send("POST", ALIAS + "/webhook", "application/json",
                ("{\"event\":\"request.updated\",\"request\":{\"id\":\"" + remoteId + "\"}}").getBytes(),
                Map.of("X-Webhook-Secret", SdpTestBed.WEBHOOK_SECRET));
        assertThat(hook.status()).isEqualTo(202);
        String accessToken = bed.calls("GET", "/requests").stream().map(r -> r.header("Authorization"))
                .filter(a -> a != null && a.startsWith("Zoho-oauthtoken ")).findFirst().orElseThrow()
                .substring("Zoho-oauthtoken ".length());

        StringBuilder seen = new StringBuilder();
        for (String path : List.of(ALIAS, ALIAS + "/export-config", "/api/integrations/" + cloudId,
                "/api/integrations/" + cloudId + "/export-config", "/api/integrations",
                "/api/audit/logs?page_size=100", "/api/audit/logs?page=2&page_size=100",
                ALIAS + "/sync-logs?page_size=100", "/api/integrations/" + cloudId + "/sync-logs?page_size=100",
                "/api/jobs?page_size=100")) {
            ApiClient.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            seen.append(r.text());
        }
        appender.stop();
        String logs = LOG.toString(StandardCharsets.UTF_8);
        for (String secret : List.of(SdpTestBed.AUTHTOKEN, SdpTestBed.WEBHOOK_SECRET, CLIENT_SECRET, REFRESH,
                accessToken)) {
            assertThat(seen.toString()).as("API output").doesNotContain(secret);
            assertThat(logs).as("log output").doesNotContain(secret);
        }
        assertThat(logs).contains("Rejected POST /api/integrations/{id}/webhook");
        assertThat(api.get("/api/integrations/" + cloudId + "/export-config").json().get("credentials"))
                .allSatisfy(v -> assertThat(v.asText()).isEqualTo("****"));
    }

    @Test
    void auditAndSyncLogsRecordPushesPullsAndWebhooks() {
        String id = bed.ticket(Map.of("subject", "Audited"));
        String remoteId = bed.push(id);
        assertThat(api.post(ALIAS + "/sync", Map.of("ticket_id", id)).status()).isEqualTo(200);
        assertThat(bed.rt.client(null).send("POST", ALIAS + "/webhook", "application/json",
                ("{\"event\":\"request.updated\",\"event_id\":\"aud-1\",\"request\":{\"id\":\"" + remoteId + "\"}}")
                        .getBytes(), Map.of("X-Webhook-Secret", SdpTestBed.WEBHOOK_SECRET)).status()).isEqualTo(202);

        JsonNode audit = api.get("/api/audit/logs?resource_type=integration&resource_id=" + bed.integrationId
                + "&page_size=100").json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText())
                .contains("OUTBOUND POST servicedeskplus", "OUTBOUND GET servicedeskplus");
        assertThat(audit).filteredOn(a -> a.get("action").asText().equals("OUTBOUND POST servicedeskplus"))
                .anySatisfy(a -> {
                    assertThat(a.get("detail").get("url").asText()).endsWith("/api/v3/requests");
                    assertThat(a.get("detail").get("request_headers").get("authtoken").asText()).isEqualTo("****");
                    assertThat(a.get("status_code").asInt()).isEqualTo(201);
                });
        JsonNode apiAudit = api.get("/api/audit/logs?resource_type=integration&resource_id=manageengine-servicedesk"
                + "&page_size=100").json().get("items");
        assertThat(apiAudit).extracting(a -> a.get("action").asText())
                .contains("POST /api/integrations/{id}/push", "POST /api/integrations/{id}/sync",
                        "POST /api/integrations/{id}/webhook");
        JsonNode logs = api.get(ALIAS + "/sync-logs?page_size=100").json().get("items");
        assertThat(logs).extracting(l -> l.get("operation").asText() + "/" + l.get("direction").asText())
                .contains("push/out", "sync/out", "webhook/in");
    }
}
