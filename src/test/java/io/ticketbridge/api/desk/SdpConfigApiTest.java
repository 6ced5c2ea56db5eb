package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static io.ticketbridge.testing.SdpTestBed.AUTHTOKEN;
import static io.ticketbridge.testing.SdpTestBed.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Configuration GET/POST/PUT on the alias, test connection, health (healthy vs SDP down), and
 * export/import of the configuration: credentials never leave in clear and a bad import changes
 * nothing.
 */
class SdpConfigApiTest {

    static SdpTestBed bed;
    static ApiClient api;
    static String otherSpace;
    static String otherKey;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start();
        api = bed.api;
        ApiClient.Response space = api.post("/api/spaces", Map.of("name", "Second space"));
        assertThat(space.status()).as(space.toString()).isEqualTo(201);
        otherSpace = space.json().get("id").asText();
        otherKey = space.json().get("api_key").asText();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void getShowsTheConfigurationWithoutSecrets() {
        ApiClient.Response r = api.get(ALIAS);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("id").asText()).isEqualTo(bed.integrationId);
        assertThat(body.get("platform").asText()).isEqualTo("servicedeskplus");
        assertThat(body.get("base_url").asText()).isEqualTo(bed.sdp.baseUrl());
        assertThat(body.get("config").get("edition").asText()).isEqualTo("onprem");
        assertThat(body.get("credentials").get("configured").asBoolean()).isTrue();
        assertThat(body.get("credentials").get("fields")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("authtoken", "webhook_secret");
        assertThat(r.text()).doesNotContain(AUTHTOKEN).doesNotContain(WEBHOOK_SECRET);
        assertThat(api.get("/api/integrations/" + bed.integrationId).json()).isEqualTo(body);
    }

    @Test
    void postAgainUpdatesTheSameIntegrationAndPutAcceptsTheSameShape() {
        ApiClient.Response post = api.post(ALIAS, Map.of("max_requests_per_second", 400, "timeout_ms", 20000));
        assertThat(post.status()).as(post.toString()).isEqualTo(200);
        assertThat(post.json().get("id").asText()).isEqualTo(bed.integrationId);
        assertThat(post.json().get("config").get("timeout_ms").asInt()).isEqualTo(20000);
        assertThat(post.json().get("config").get("edition").asText()).isEqualTo("onprem");

        ApiClient.Response put = api.put(ALIAS, Map.of("url", bed.sdp.baseUrl() + "/", "api_key", AUTHTOKEN,
                "max_requests_per_second", 500, "auto_sync", true));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("config").get("max_requests_per_second").asInt()).isEqualTo(500);
        assertThat(put.json().get("config").get("timeout_ms").asInt()).isEqualTo(20000);
        assertThat(put.json().get("base_url").asText()).isEqualTo(bed.sdp.baseUrl());
        assertThat(api.get("/api/integrations?platform=servicedeskplus&space_id=" + put.json().get("space_id")
                .asText()).json().get("items")).hasSize(1);
        assertThat(api.post(ALIAS + "/test", null).json().get("success").asBoolean()).isTrue();
    }

    @Test
    void aFirstConfigurationNeedsUrlAndCredentialsAndAValidEdition() {
        ApiClient.Response third = api.post("/api/spaces", Map.of("name", "Fresh space"));
        ApiClient other = bed.rt.client(third.json().get("api_key").asText());
        SdpTestBed.assertValidation(other.post(ALIAS, Map.of("edition", "onprem")), "'url' is required",
                "api_key");
        SdpTestBed.assertValidation(other.post(ALIAS, Map.of("url", "https://sdp.example.com",
                "edition", "cloud", "client_id", "x")), "refresh_token");
        SdpTestBed.assertValidation(other.post(ALIAS, Map.of("url", "https://sdp.example.com",
                "api_key", "k", "edition", "saas")), "edition");
        SdpTestBed.assertValidation(other.post(ALIAS, Map.of("url", "not a url", "api_key", "k")), "url");
        SdpTestBed.assertValidation(other.post(ALIAS, Map.of("url", "https://sdp.example.com",
                "api_key", "k", "colour", "blue")), "unknown field 'colour'");
        SdpTestBed.assertError(other.get(ALIAS), 404, "not_found");
        SdpTestBed.assertError(other.put(ALIAS, Map.of("api_key", "k")), 404, "not_found");
    }

    @Test
    void testAndHealthAnswerHealthyAgainstTheSimulatorAndUnhealthyWhenSdpIsDown() {
        ApiClient.Response test = api.post(ALIAS + "/test", null);
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().get("success").asBoolean()).isTrue();
        ApiClient.Response health = api.get(ALIAS + "/health?space_id=" + api.get(ALIAS).json().get("space_id").asText());
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("healthy").asBoolean()).isTrue();
        assertThat(health.json().get("status").asText()).isEqualTo("healthy");
        assertThat(health.json().get("responseTime").isIntegralNumber()).isTrue();

        ApiClient.Response down = api.post("/api/integrations", Map.of("platform", "servicedeskplus", "name", "down",
                "space_id", otherSpace, "base_url", "http://127.0.0.1:" + TestRuntime.freePort(),
                "credentials", Map.of("authtoken", "k-down-123")));
        assertThat(down.status()).as(down.toString()).isEqualTo(201);
        String downId = down.json().get("id").asText();
        JsonNode sick = api.get("/api/integrations/" + downId + "/health").json();
        assertThat(sick.get("healthy").asBoolean()).isFalse();
        assertThat(sick.get("status").asText()).isEqualTo("unhealthy");
        assertThat(sick.get("responseTime").isIntegralNumber()).isTrue();
        assertThat(api.post("/api/integrations/" + downId + "/test", null).json().get("success").asBoolean())
                .isFalse();
        assertThat(bed.rt.client(otherKey).get(ALIAS + "/health").json().get("healthy").asBoolean()).isFalse();
    }

    @Test
    void exportMasksEveryCredentialAndImportRoundTrips() {
        assertThat(api.post(ALIAS + "/field-mappings", Map.of("custom_fields.site", "udf_fields.udf_sline_301"))
                .status()).isEqualTo(201);
        ApiClient.Response export = api.get(ALIAS + "/export-config");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.text()).doesNotContain(AUTHTOKEN).doesNotContain(WEBHOOK_SECRET);
        JsonNode body = export.json();
        assertThat(body.get("credentials")).isEqualTo(Json.read(
                "{\"authtoken\":\"****\",\"webhook_secret\":\"****\"}"));
        assertThat(body.get("field_mappings").toString()).contains("udf_fields.udf_sline_301");

        ObjectNode changed = (ObjectNode) body.deepCopy();
        changed.withArray("field_mappings").addObject().put("local_field", "group").put("remote_field",
                "udf_fields.udf_team");
        changed.withArray("templates").addObject().put("name", "imported").put("category", "Network");
        ApiClient.Response imported = api.post(ALIAS + "/import-config", changed);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(api.get(ALIAS + "/field-mappings").json().get("items")).extracting(m ->
                m.get("local_field").asText()).containsExactlyInAnyOrder("custom_fields.site", "group");
        assertThat(api.get(ALIAS + "/templates").json().get("items")).extracting(t -> t.get("name").asText())
                .contains("imported");
        // the masked credentials were kept, not replaced by "****"
        assertThat(api.post(ALIAS + "/test", null).json().get("success").asBoolean()).isTrue();
        assertThat(api.get(ALIAS + "/export-config").text()).doesNotContain(AUTHTOKEN);
    }

    @Test
    void renamingToATakenNameIsA409InTheErrorShapeOnEveryPath() {
        ApiClient.Response other = api.post("/api/integrations", Map.of("platform", "webhook", "name", "Taken name",
                "base_url", "http://127.0.0.1:9"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        String before = api.get(ALIAS).json().get("name").asText();
        JsonNode put = SdpTestBed.assertError(api.put(ALIAS, Map.of("name", "Taken name")), 409, "conflict");
        assertThat(put.get("message").asText()).contains("Taken name").doesNotContainIgnoringCase("insert")
                .doesNotContainIgnoringCase("update integrations").doesNotContainIgnoringCase("constraint");
        SdpTestBed.assertError(api.post(ALIAS, Map.of("name", "Taken name")), 409, "conflict");
        ObjectNode export = (ObjectNode) api.get(ALIAS + "/export-config").json();
        export.put("name", "Taken name");
        SdpTestBed.assertError(api.post(ALIAS + "/import-config", export), 409, "conflict");
        assertThat(api.get(ALIAS).json().get("name").asText()).isEqualTo(before);
        assertThat(api.delete("/api/integrations/" + other.json().get("id").asText()).status()).isEqualTo(204);
    }

    @Test
    void aBadImportChangesNothing() {
        assertThat(api.post(ALIAS + "/sync-schedule", Map.of("mode", "interval", "interval_minutes", 45)).status())
                .isEqualTo(200);
        JsonNode before = snapshot();
        for (String bad : List.of("{\"sync_schedule\":{\"mode\":\"cron\",\"cron\":\"every tuesday\"},"
                        + "\"field_mappings\":[]}",
                "{\"field_mappings\":[{\"local_field\":\"no_such_field\",\"remote_field\":\"x\"}],\"templates\":[]}",
                "{\"templates\":[{\"category\":\"no name\"}],\"field_mappings\":[]}",
                "{\"platform\":\"zendesk\",\"field_mappings\":[]}",
                "{\"base_url\":\"ftp:/nope\",\"field_mappings\":[]}")) {
            ApiClient.Response r = api.send("POST", ALIAS + "/import-config", "application/json", bad.getBytes());
            SdpTestBed.assertError(r, 400, "validation_failed");
            assertThat(snapshot()).as("after " + bad).isEqualTo(before);
        }
    }

    private static JsonNode snapshot() {
        ObjectNode s = Json.object();
        s.set("mappings", api.get(ALIAS + "/field-mappings").json().get("items"));
        s.set("templates", api.get(ALIAS + "/templates").json().get("items"));
        JsonNode schedule = api.get(ALIAS + "/sync-schedule").json().deepCopy();
        ((ObjectNode) schedule).remove("next_run_at");
        s.set("schedule", schedule);
        s.set("config", api.get(ALIAS).json().get("config"));
        s.set("base_url", api.get(ALIAS).json().get("base_url"));
        return s;
    }
}
