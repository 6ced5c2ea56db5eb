package io.ticketbridge.sync;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stored schedule pulls SDP changes into the hub with no API call, and keeps doing so after the
 * runtime restarts (Quartz JDBC store in the hub database).
 */
class SdpScheduleTest {

    static SdpTestBed bed;
    static ApiClient api;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start();
        api = bed.api;
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void aCronScheduleFiresWithoutAnyCallAndSurvivesARestart() {
        String id = bed.ticket(Map.of("subject", "Scheduled", "priority", "low"));
        String remoteId = bed.push(id);

        ApiClient.Response r = api.post(ALIAS + "/sync-schedule", Map.of("mode", "cron", "cron", "0/2 * * * * ?"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("schedule").get("cron").asText()).isEqualTo("0/2 * * * * ?");
        assertThat(r.json().get("schedule").get("next_run_at").asText()).isNotBlank();

        bed.sdp.updateRequestDirect(remoteId, (ObjectNode) Json.read("{\"subject\":\"Changed before restart\"}"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(hubSubject(id)).isEqualTo("Changed before restart"));
        String lastRun = api.get(ALIAS + "/sync-schedule").json().get("last_run_at").asText();
        assertThat(lastRun).isNotBlank();

        bed.rt.restart();

        JsonNode after = api.get(ALIAS + "/sync-schedule").json();
        assertThat(after.get("mode").asText()).isEqualTo("cron");
        assertThat(after.get("cron").asText()).isEqualTo("0/2 * * * * ?");
        assertThat(after.get("enabled").asBoolean()).isTrue();
        bed.sdp.updateRequestDirect(remoteId, (ObjectNode) Json.read("{\"subject\":\"Changed after restart\","
                + "\"priority\":{\"name\":\"High\"}}"));
        await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(hubSubject(id)).isEqualTo("Changed after restart");
            assertThat(bed.hubTicket(id).get("priority").asText()).isEqualTo("high");
        });
        assertThat(api.get(ALIAS + "/sync-schedule").json().get("last_run_at").asText()).isNotEqualTo(lastRun);
        // a run's log entry is written after its effect is committed: wait for it rather than race it
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode logs = api.get(ALIAS + "/sync-logs?page_size=50").json().get("items");
            assertThat(logs).filteredOn(l -> l.get("operation").asText().equals("sync")
                    && l.get("status").asText().equals("success")).hasSizeGreaterThanOrEqualTo(2);
        });

        // back to manual: no more firings
        assertThat(api.post(ALIAS + "/sync-schedule", Map.of("mode", "manual")).status()).isEqualTo(200);
        assertThat(api.get(ALIAS + "/sync-schedule").json().has("next_run_at")).isFalse();
    }

    private static String hubSubject(String id) {
        return bed.hubTicket(id).get("subject").asText();
    }
}
