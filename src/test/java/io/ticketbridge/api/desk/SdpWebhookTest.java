package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static io.ticketbridge.testing.SdpTestBed.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.AuthFailures;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.CredentialCipher;
import io.ticketbridge.security.MasterKeys;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook receiver: the shared X-Webhook-Secret (missing or wrong → 401 in the error shape,
 * audited, nothing queued), events applied to the hub, duplicates applied once, bad events refused.
 */
class SdpWebhookTest {

    static SdpTestBed bed;
    /** Webhooks carry no API key: SDP only knows the shared secret. */
    static ApiClient anonymous;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start();
        anonymous = bed.rt.client(null);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static ApiClient.Response hook(String secret, String json) {
        return anonymous.send("POST", ALIAS + "/webhook", "application/json", json.getBytes(),
                secret == null ? Map.of() : Map.of("X-Webhook-Secret", secret));
    }

    @Test
    void aMissingOrWrongSecretIs401AuditedAndQueuesNothing() {
        String id = bed.ticket(Map.of("subject", "Guarded"));
        String remoteId = bed.push(id);
        long jobs = bed.count("select count(*) from jobs");
        long inbox = bed.count("select count(*) from inbox");
        String event = "{\"event\":\"request.updated\",\"event_id\":\"evt-denied\",\"request\":{\"id\":\"" + remoteId
                + "\"}}";

        SdpTestBed.assertError(hook(null, event), 401, "unauthorized");
        SdpTestBed.assertError(hook("not-the-secret", event), 401, "unauthorized");
        SdpTestBed.assertError(hook(WEBHOOK_SECRET + "x", event), 401, "unauthorized");
        SdpTestBed.assertError(bed.rt.client(null).send("POST", "/api/integrations/" + bed.integrationId + "/webhook",
                "application/json", event.getBytes(), Map.of("X-Webhook-Secret", "nope")), 401, "unauthorized");

        assertThat(bed.count("select count(*) from jobs")).isEqualTo(jobs);
        assertThat(bed.count("select count(*) from inbox")).isEqualTo(inbox);
        authFailures().flush();
        JsonNode audit = bed.api.get("/api/audit/logs?resource_type=integration&page_size=100").json().get("items");
        assertThat(audit).filteredOn(a -> a.get("action").asText().equals("AUTH rejected")
                        && a.at("/detail/reason").asText().contains("X-Webhook-Secret"))
                .isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.get("outcome").asText()).isEqualTo("denied");
                    assertThat(a.get("status_code").asInt()).isEqualTo(401);
                });
        assertThat(audit.toString()).doesNotContain(WEBHOOK_SECRET).doesNotContain("not-the-secret");
    }

    private static AuthFailures authFailures() {
        return bed.rt.context().getRegistry().lookupByNameAndType("authFailures", AuthFailures.class);
    }

    /** Seals these credentials onto an integration directly, as a row written before secrets were checked. */
    private static void storeLegacyCredentials(String integrationId, Map<String, String> creds) {
        CredentialCipher cipher = new CredentialCipher(MasterKeys.parse(TestRuntime.MASTER_KEY));
        bed.rt.hub().jdbi.useHandle(h -> h.createUpdate("update integrations set credentials=:c where id=:id")
                .bind("c", cipher.encrypt(Json.write(creds), integrationId)).bind("id", integrationId).execute());
    }

    @Test
    void anIntegrationWithoutAUsableSecretAcceptsNoWebhookEvenAnEmptyHeader() {
        TestRuntime.Space other = bed.rt.createSpace("legacy-secret");
        String legacy = other.client().post("/api/integrations", Map.of("platform", "servicedeskplus",
                "name", "legacy", "base_url", bed.sdp.baseUrl(), "credentials", Map.of("authtoken", "k"))).json()
                .get("id").asText();
        String none = other.client().post("/api/integrations", Map.of("platform", "servicedeskplus",
                "name", "no secret", "base_url", bed.sdp.baseUrl())).json().get("id").asText();
        storeLegacyCredentials(legacy, Map.of("authtoken", "k", "webhook_secret", ""));
        long jobs = bed.count("select count(*) from jobs");
        long inbox = bed.count("select count(*) from inbox");
        String event = "{\"event\":\"request.updated\",\"request\":{\"id\":\"1\"}}";
        for (String target : new String[] {ALIAS, "/api/integrations/" + legacy, "/api/integrations/" + none}) {
            for (String presented : new String[] {"", " ", "short"}) {
                SdpTestBed.assertError(anonymous.send("POST", target + "/webhook", "application/json",
                        event.getBytes(), Map.of("X-Webhook-Secret", presented)), 401, "unauthorized");
            }
            SdpTestBed.assertError(hook(null, event), 401, "unauthorized");
        }
        storeLegacyCredentials(legacy, Map.of("authtoken", "k", "webhook_secret", "short"));
        SdpTestBed.assertError(anonymous.send("POST", "/api/integrations/" + legacy + "/webhook", "application/json",
                event.getBytes(), Map.of("X-Webhook-Secret", "short")), 401, "unauthorized");
        assertThat(bed.count("select count(*) from jobs")).isEqualTo(jobs);
        assertThat(bed.count("select count(*) from inbox")).isEqualTo(inbox);
    }

    @Test
    void anEmptyOrShortWebhookSecretCannotBeConfigured() {
        TestRuntime.Space other = bed.rt.createSpace("short-secret");
        ApiClient api = other.client();
        SdpTestBed.assertValidation(api.post("/api/integrations", Map.of("platform", "servicedeskplus", "name", "a",
                "base_url", bed.sdp.baseUrl(), "credentials", Map.of("authtoken", "k", "webhook_secret", ""))),
                "credentials.webhook_secret", "16");
        SdpTestBed.assertValidation(api.post(ALIAS, Map.of("url", bed.sdp.baseUrl(), "api_key", "k",
                "webhook_secret", "too-short")), "credentials.webhook_secret");
        assertThat(api.get("/api/integrations").json().get("items")).isEmpty();
        String id = api.post(ALIAS, Map.of("url", bed.sdp.baseUrl(), "api_key", "k",
                "webhook_secret", "a-long-enough-secret-1")).json().get("id").asText();
        SdpTestBed.assertValidation(api.put("/api/integrations/" + id, Map.of("credentials",
                Map.of("webhook_secret", "abc"))), "credentials.webhook_secret");
        SdpTestBed.assertValidation(api.put(ALIAS, Map.of("webhook_secret", "")), "webhook_secret");
        // the stored secret is unchanged
        ApiClient.Response ok = anonymous.send("POST", "/api/integrations/" + id + "/webhook", "application/json",
                "{\"event\":\"request.updated\",\"request\":{\"id\":\"777\"}}".getBytes(),
                Map.of("X-Webhook-Secret", "a-long-enough-secret-1"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
    }

    @Test
    void aFloodOfRejectedCallsIsCountedNotWrittenAsARowPerRequest() {
        authFailures().flush();
        long before = bed.count("select coalesce(max(id), 0) from audit_log");
        String event = "{\"event\":\"request.updated\",\"request\":{\"id\":\"1\"}}";
        for (int i = 0; i < 20; i++) {
            SdpTestBed.assertError(hook("forged-" + i, event), 401, "unauthorized");
            SdpTestBed.assertError(anonymous.get("/api/tickets"), 401, "unauthorized");
        }
        authFailures().flush();
        List<JsonNode> rows = bed.strings("select detail from audit_log where id > ? and (action = 'AUTH rejected'"
                + " or outcome = 'denied') order by id", before).stream().map(Json::read).toList();
        // per source and reason: a sample as it happened, and the window's count when it closed
        assertThat(rows).as(rows.toString()).hasSize(4);
        assertThat(rows).filteredOn(r -> r.path("kind").asText().equals("count"))
                .extracting(r -> r.path("count").asLong()).containsExactlyInAnyOrder(20L, 20L);
        assertThat(rows).filteredOn(r -> r.path("kind").asText().equals("sample")).hasSize(2);
        assertThat(rows.toString()).doesNotContain("forged-");
    }

    @Test
    void theRightSecretIsAcceptedAndTheChangeReachesTheHub() {
        String id = bed.ticket(Map.of("subject", "Before webhook", "priority", "low"));
        String remoteId = bed.push(id);
        bed.sdp.updateRequestDirect(remoteId, (ObjectNode) Json.read(
                "{\"subject\":\"After webhook\",\"status\":{\"name\":\"In Progress\"}}"));

        ApiClient.Response r = hook(WEBHOOK_SECRET, "{\"event\":\"request.status_changed\",\"event_id\":\"evt-"
                + remoteId + "\",\"request\":{\"id\":\"" + remoteId + "\"}}");

        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("received").asBoolean()).isTrue();
        assertThat(r.json().get("duplicate").asBoolean()).isFalse();
        assertThat(r.json().get("job_id").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode hub = bed.hubTicket(id);
            assertThat(hub.get("subject").asText()).isEqualTo("After webhook");
            assertThat(hub.get("status").asText()).isEqualTo("in_progress");
        });
        assertThat(bed.sdp.request(remoteId).path("subject").asText()).isEqualTo("After webhook");
    }

    @Test
    void theSameEventTwiceIsAppliedOnceAndFlaggedDuplicate() {
        String id = bed.ticket(Map.of("subject", "Commented in SDP"));
        String remoteId = bed.push(id);
        bed.sdp.addNoteDirect(remoteId, "Technician note");
        String event = "{\"event\":\"request.comment_added\",\"event_id\":\"evt-note-" + remoteId
                + "\",\"request\":{\"id\":\"" + remoteId + "\"}}";

        ApiClient.Response first = hook(WEBHOOK_SECRET, event);
        assertThat(first.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(comments(id)).extracting(c -> c.get("body").asText()).containsExactly("Technician note"));

        ApiClient.Response again = hook(WEBHOOK_SECRET, event);
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("job_id").asText()).isEmpty();
        assertThat(bed.count("select count(*) from jobs where kind='sync' and payload like ?", "%" + remoteId + "%"))
                .isEqualTo(1L);
        assertThat(comments(id)).hasSize(1);
        // the note that came from SDP is not sent back
        assertThat(bed.sdp.notes(remoteId)).hasSize(1);

        JsonNode logs = bed.api.get(ALIAS + "/sync-logs?page_size=100").json().get("items");
        assertThat(logs).filteredOn(l -> l.get("operation").asText().equals("webhook"))
                .extracting(l -> l.get("status").asText()).contains("accepted", "duplicate");
    }

    @Test
    void aCreatedEventImportsTheNewSdpRequest() {
        String remoteId = bed.sdp.createRequestDirect((ObjectNode) Json.read(
                "{\"subject\":\"Born in SDP\",\"priority\":{\"name\":\"High\"}}"));
        ApiClient.Response r = hook(WEBHOOK_SECRET, "{\"event\":\"request.created\",\"request\":{\"id\":\""
                + remoteId + "\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bed.strings("select ticket_id from links where remote_id=?", remoteId)).hasSize(1));
        String ticketId = bed.strings("select ticket_id from links where remote_id=?", remoteId).get(0);
        assertThat(bed.hubTicket(ticketId).get("subject").asText()).isEqualTo("Born in SDP");
        assertThat(bed.hubTicket(ticketId).get("priority").asText()).isEqualTo("high");
    }

    @Test
    void badEventsAreRefusedInTheErrorShapeAndQueueNothing() {
        long jobs = bed.count("select count(*) from jobs");
        SdpTestBed.assertValidation(hook(WEBHOOK_SECRET, "{\"event\":\"request.exploded\",\"request\":{\"id\":\"1\"}}"),
                "'event'");
        SdpTestBed.assertValidation(hook(WEBHOOK_SECRET, "{\"event\":\"request.updated\"}"), "request id");
        SdpTestBed.assertError(hook(WEBHOOK_SECRET, "{\"event\":"), 400, "bad_request");
        SdpTestBed.assertError(anonymous.send("POST", ALIAS + "/webhook", "text/plain", "event".getBytes(),
                Map.of("X-Webhook-Secret", WEBHOOK_SECRET)), 415, "unsupported_media_type");
        assertThat(bed.count("select count(*) from jobs")).isEqualTo(jobs);
    }

    private static JsonNode comments(String ticketId) {
        return bed.api.get("/api/tickets/" + ticketId + "/comments").json().get("items");
    }
}
