package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sync schedules (modes and their validation, PUT runs a sync now), field mappings (the seed's
 * example body), templates (applied on create only) and sync logs.
 */
class SdpAdminApiTest {

    static SdpTestBed bed;
    static ApiClient api;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start(new SdpSimulator.Options().groups("Network Team", "IT Support")
                .categories("Network", "Request", "Hardware"), Map.of(), Map.of());
        api = bed.api;
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void clear() {
        bed.sdp.clearRequests();
    }

    @Test
    void scheduleModesAreStoredWithTheirNextRun() {
        assertThat(api.get(ALIAS + "/sync-schedule").json().get("mode").asText()).isIn("manual", "interval",
                "hourly", "daily", "cron");
        JsonNode interval = put(Map.of("mode", "interval", "interval_minutes", 15));
        assertThat(interval.get("interval_minutes").asInt()).isEqualTo(15);
        assertThat(Instant.parse(interval.get("next_run_at").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));

        JsonNode hourly = put(Map.of("mode", "hourly", "minute", 7));
        assertThat(Instant.parse(hourly.get("next_run_at").asText()).atZone(java.time.ZoneOffset.UTC).getMinute())
                .isEqualTo(7);
        JsonNode daily = put(Map.of("mode", "daily", "time", "07:30", "timezone", "Europe/Paris"));
        assertThat(Instant.parse(daily.get("next_run_at").asText()).atZone(java.time.ZoneId.of("Europe/Paris"))
                .toLocalTime()).isEqualTo(java.time.LocalTime.of(7, 30));
        JsonNode manual = put(Map.of("mode", "manual"));
        assertThat(manual.has("next_run_at")).isFalse();
        assertThat(api.get(ALIAS + "/sync-schedule").json().get("mode").asText()).isEqualTo("manual");
    }

    @Test
    void invalidSchedulesAreRefusedAndChangeNothing() {
        put(Map.of("mode", "hourly", "minute", 12));
        JsonNode before = api.get(ALIAS + "/sync-schedule").json();
        List<Map<String, Object>> bad = List.of(Map.of("mode", "interval"), Map.of("mode", "interval",
                "interval_minutes", 0), Map.of("mode", "hourly"), Map.of("mode", "hourly", "minute", 60),
                Map.of("mode", "daily", "time", "25:00"), Map.of("mode", "daily"), Map.of("mode", "weekly"),
                Map.of("mode", "cron", "cron", "every tuesday"), Map.of("mode", "daily", "time", "07:00",
                        "timezone", "Mars/Olympus"), Map.of("mode", "interval", "interval_minutes", 5, "colour", "x"));
        for (Map<String, Object> body : bad) {
            SdpTestBed.assertError(api.post(ALIAS + "/sync-schedule", body), 400, "validation_failed");
        }
        assertThat(api.get(ALIAS + "/sync-schedule").json()).isEqualTo(before);
    }

    @Test
    void putTriggersAPullNow() {
        String remoteId = bed.sdp.createRequestDirect((com.fasterxml.jackson.databind.node.ObjectNode)
                Json.read("{\"subject\":\"Pulled by PUT\"}"));
        put(Map.of("mode", "manual"));
        ApiClient.Response r = api.put(ALIAS + "/sync-schedule", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("triggered").asBoolean()).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bed.count("select count(*) from links where remote_id=?", remoteId)).isEqualTo(1L));
        assertThat(bed.calls("GET", "/requests")).isNotEmpty();
        assertThat(api.get(ALIAS + "/sync-schedule").json().get("last_run_at").asText()).isNotBlank();
    }

    @Test
    void theSeedsFieldMappingExampleIsAcceptedAndMappingsApplyToPushes() {
        ApiClient.Response seed = api.send("POST", ALIAS + "/field-mappings", "application/json", ("{\n"
                + "  \"local_field\": \"servicedesk_field\",\n  \"priority\": \"priority.name\",\n"
                + "  \"status\": \"status.name\"\n}").getBytes());
        assertThat(seed.status()).as(seed.toString()).isEqualTo(201);
        assertThat(seed.json().get("items")).extracting(m -> m.get("local_field").asText() + "=" + m.get(
                "remote_field").asText()).containsExactlyInAnyOrder("priority=priority.name", "status=status.name");

        assertThat(api.post(ALIAS + "/field-mappings", Map.of("local_field", "custom_fields.site",
                "servicedesk_field", "udf_fields.udf_sline_301")).status()).isEqualTo(201);
        JsonNode list = api.get(ALIAS + "/field-mappings").json();
        assertThat(list.get("items")).hasSize(3);
        assertThat(list.get("effective").get("custom_fields.site").asText()).isEqualTo("udf_fields.udf_sline_301");

        String id = bed.ticket(Map.of("subject", "Mapped", "custom_fields", Map.of("site", "EXT-42")));
        String remoteId = bed.push(id);
        assertThat(bed.calls("POST", "/requests").get(0).inputData().get("request").get("udf_fields"))
                .isEqualTo(Json.read("{\"udf_sline_301\":\"EXT-42\"}"));
        assertThat(bed.sdp.request(remoteId).path("udf_fields").path("udf_sline_301").asText()).isEqualTo("EXT-42");

        assertThat(api.delete(ALIAS + "/field-mappings?local_field=custom_fields.site").status()).isEqualTo(204);
        assertThat(api.get(ALIAS + "/field-mappings").json().get("items")).hasSize(2);
        SdpTestBed.assertError(api.delete(ALIAS + "/field-mappings?local_field=custom_fields.site"), 404,
                "not_found");
        SdpTestBed.assertValidation(api.delete(ALIAS + "/field-mappings"), "local_field");
        bed.sdp.clearRequests();
        String plain = bed.ticket(Map.of("subject", "Unmapped", "custom_fields", Map.of("site", "EXT-43")));
        bed.push(plain);
        assertThat(bed.calls("POST", "/requests").get(0).inputData().get("request").has("udf_fields")).isFalse();
    }

    @Test
    void badFieldMappingsAreRefused() {
        SdpTestBed.assertValidation(api.post(ALIAS + "/field-mappings", Map.of("nonsense", "priority.name")),
                "'nonsense' is not a hub field");
        SdpTestBed.assertValidation(api.post(ALIAS + "/field-mappings", Map.of("priority", 5)), "'priority'");
        SdpTestBed.assertValidation(api.post(ALIAS + "/field-mappings", Map.of("priority", "Bad Path!")),
                "not a desk field path");
        SdpTestBed.assertValidation(api.post(ALIAS + "/field-mappings", Map.of()), "at least one");
        assertThat(api.get(ALIAS + "/field-mappings").json().get("items").toString()).doesNotContain("nonsense");
    }

    @Test
    void aDefaultTemplateAppliesOnCreateOnlyAndNeverOverridesTheTicket() {
        ApiClient.Response t = api.post(ALIAS + "/templates", Map.of("name", "access", "category", "Request",
                "subcategory", "Access Request", "group", "IT Support", "defaultFields", Map.of("priority", "Medium"),
                "is_default", true));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        assertThat(api.get(ALIAS + "/templates").json().get("items")).extracting(x -> x.get("name").asText())
                .contains("access");

        String id = bed.ticket(Map.of("subject", "Need access", "group", "Network Team", "priority", "high"));
        String remoteId = bed.push(id);
        JsonNode created = bed.calls("POST", "/requests").get(0).inputData().get("request");
        assertThat(created.get("category")).isEqualTo(Json.read("{\"name\":\"Request\"}"));
        assertThat(created.get("subcategory")).isEqualTo(Json.read("{\"name\":\"Access Request\"}"));
        assertThat(created.get("group")).isEqualTo(Json.read("{\"name\":\"Network Team\"}"));
        assertThat(created.get("priority")).isEqualTo(Json.read("{\"name\":\"High\"}"));
        assertThat(bed.hubTicket(id).get("category").asText()).isEqualTo("Request");

        bed.sdp.clearRequests();
        assertThat(api.post(ALIAS + "/update", Map.of("ticket_id", id, "fields", Map.of("subject", "Need access!")))
                .status()).isEqualTo(200);
        assertThat(bed.calls("PUT", "/requests/" + remoteId)).singleElement().satisfies(p ->
                assertThat(p.inputData()).isEqualTo(Json.read("{\"request\":{\"subject\":\"Need access!\"}}")));

        assertThat(api.delete(ALIAS + "/templates?name=access").status()).isEqualTo(204);
        assertThat(api.get(ALIAS + "/templates").json().get("items")).isEmpty();
        SdpTestBed.assertError(api.delete(ALIAS + "/templates?name=access"), 404, "not_found");
        SdpTestBed.assertValidation(api.post(ALIAS + "/templates", Map.of("category", "Request")), "'name'");
        SdpTestBed.assertValidation(api.post(ALIAS + "/templates", Map.of("name", "x", "defaultFields",
                Map.of("priority", List.of("a")))), "defaultFields.priority");
        SdpTestBed.assertValidation(api.post(ALIAS + "/push", Map.of("ticket_id", id, "template", "gone")),
                "template");
    }

    @Test
    void syncLogsRecordPushesAndPulls() {
        String id = bed.ticket(Map.of("subject", "Logged"));
        bed.push(id);
        assertThat(api.post(ALIAS + "/sync", Map.of("ticket_id", id)).status()).isEqualTo(200);
        JsonNode logs = api.get(ALIAS + "/sync-logs?ticket_id=" + id).json();
        assertThat(logs.get("items")).extracting(l -> l.get("operation").asText() + "/" + l.get("direction").asText()
                + "/" + l.get("status").asText()).contains("push/out/success", "sync/out/success");
        assertThat(logs.get("total").asLong()).isGreaterThanOrEqualTo(2);
    }

    private static JsonNode put(Map<String, Object> body) {
        ApiClient.Response r = api.post(ALIAS + "/sync-schedule", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("schedule").get("mode").asText()).isEqualTo(body.get("mode"));
        return r.json().get("schedule");
    }
}
