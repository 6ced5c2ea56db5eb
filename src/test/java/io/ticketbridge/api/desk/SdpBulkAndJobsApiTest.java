package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk push (synchronous up to 5 tickets, through the job queue above 5 or on request, progress by
 * job_id), the integration's job list, queueing a job and processing the queue.
 */
class SdpBulkAndJobsApiTest {

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

    @BeforeEach
    void clear() {
        bed.sdp.clearRequests();
        bed.sdp.clearFaults();
    }

    @Test
    void upToFiveTicketsArePushedSynchronouslyWithOneResultEach() {
        List<String> ids = tickets("Sync bulk", 5);
        ApiClient.Response r = api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", ids));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("queued").asBoolean()).isFalse();
        assertThat(r.json().get("results")).hasSize(5).allSatisfy(x -> {
            assertThat(x.get("success").asBoolean()).isTrue();
            assertThat(x.get("action").asText()).isEqualTo("created");
        });
        assertLinkedOnce(ids);
        assertThat(bed.calls("POST", "/requests")).hasSize(5);
    }

    @Test
    void moreThanFiveGoThroughTheJobQueueAndTheJobShowsProgressUntilDone() {
        List<String> ids = tickets("Queued bulk", 12);
        bed.sdp.delayNext(1, Duration.ofMillis(1500));
        ApiClient.Response r = api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", ids, "syncComments", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("queued").asBoolean()).isTrue();
        String jobId = r.json().get("jobId").asText();
        assertThat(r.json().get("job_id").asText()).isEqualTo(jobId);
        assertThat(r.json().get("total").asInt()).isEqualTo(12);

        JsonNode running = api.get(ALIAS + "/jobs?job_id=" + jobId).json();
        assertThat(running.get("kind").asText()).isEqualTo("bulk");
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("progress").path("succeeded").asLong(0)).isLessThan(12);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get(ALIAS + "/jobs?job_id=" + jobId).json().get("status").asText())
                        .isEqualTo("succeeded"));
        JsonNode done = api.get("/api/integrations/" + bed.integrationId + "/jobs?job_id=" + jobId).json();
        assertThat(done.get("progress").get("succeeded").asLong()).isEqualTo(12);
        assertThat(done.get("progress").size()).isEqualTo(1);
        assertLinkedOnce(ids);
        assertThat(bed.calls("POST", "/requests")).hasSize(12);
    }

    @Test
    void aBulkWithFailuresSaysOnTheParentWhichItemsFailedAndWhy() {
        List<String> ids = tickets("Partly refused bulk", 6);
        bed.sdp.failNextWithSdpError(3, 4001, "subject", "Subject refused by policy");
        ApiClient.Response r = api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", ids, "useJobQueue", true));
        String jobId = r.json().get("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get("/api/jobs/" + jobId).json().get("status").asText()).isEqualTo("failed"));
        JsonNode parent = api.get("/api/jobs/" + jobId).json();
        assertThat(parent.get("last_error").asText()).startsWith("3 of 6 item(s) failed: ticket ")
                .contains("Subject refused by policy");
        assertThat(parent.at("/result/failed").asLong()).isEqualTo(3);
        assertThat(parent.at("/result/succeeded").asLong()).isEqualTo(3);
        JsonNode failedItems = parent.at("/result/failed_items");
        assertThat(failedItems).hasSize(3).allSatisfy(i -> {
            assertThat(i.get("status").asText()).isEqualTo("failed");
            assertThat(i.get("error").asText()).contains("Subject refused by policy");
            assertThat(i.get("status_code").asInt()).isEqualTo(400);
        });
        JsonNode items = parent.get("items");
        assertThat(items).hasSize(6);
        List<String> itemTickets = new ArrayList<>();
        items.forEach(i -> {
            itemTickets.add(i.get("ticket_id").asText());
            if (i.get("status").asText().equals("failed")) {
                assertThat(i.get("error").asText()).contains("Subject refused by policy");
            } else {
                assertThat(i.get("status").asText()).isEqualTo("succeeded");
                assertThat(i.has("error")).isFalse();
            }
        });
        assertThat(itemTickets).containsExactlyInAnyOrderElementsOf(ids);
        // the live view on the desk path shows the same outcomes
        JsonNode live = api.get(ALIAS + "/jobs?job_id=" + jobId).json();
        assertThat(live.get("items")).hasSize(6);
        assertThat(live.at("/progress/failed").asLong()).isEqualTo(3);
    }

    @Test
    void useJobQueueQueuesEvenTwoTickets() {
        List<String> ids = tickets("Asked to queue", 2);
        ApiClient.Response r = api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", ids, "useJobQueue", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String jobId = r.json().get("jobId").asText();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(api.get(ALIAS + "/jobs?job_id=" + jobId).json().get("status").asText())
                        .isEqualTo("succeeded"));
        assertLinkedOnce(ids);
    }

    @Test
    void aBulkNamingAnUnknownTicketQueuesNothing() {
        List<String> ids = new ArrayList<>(tickets("Partly unknown", 6));
        ids.add("00000000-0000-4000-8000-000000000000");
        long before = bed.count("select count(*) from jobs");
        SdpTestBed.assertError(api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", ids)), 404, "not_found");
        SdpTestBed.assertValidation(api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", List.of())), "ticket_ids");
        SdpTestBed.assertValidation(api.post(ALIAS + "/bulk-push", Map.of("useJobQueue", true)), "ticket_ids");
        SdpTestBed.assertValidation(api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", List.of("nope"))),
                "ticket_id");
        assertThat(bed.count("select count(*) from jobs")).isEqualTo(before);
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void aQueuedJobRunsAndIsListedAndProcessAnswersTheCounts() {
        String id = bed.ticket(Map.of("subject", "Queued by hand"));
        ApiClient.Response r = api.post(ALIAS + "/jobs", Map.of("ticket_id", id, "kind", "push"));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String jobId = r.json().get("id").asText();
        assertThat(r.json().get("kind").asText()).isEqualTo("push");

        ApiClient.Response processed = api.post(ALIAS + "/jobs/process", null);
        assertThat(processed.status()).as(processed.toString()).isEqualTo(200);
        assertThat(processed.json().get("processed").asBoolean()).isTrue();
        assertThat(processed.json().get("jobs").get("succeeded").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get(ALIAS + "/jobs?job_id=" + jobId).json().get("status").asText())
                        .isEqualTo("succeeded"));
        assertThat(bed.links(id)).hasSize(1);

        JsonNode list = api.get(ALIAS + "/jobs?status=succeeded&page_size=100").json();
        assertThat(list.get("items")).extracting(j -> j.get("id").asText()).contains(jobId);
        assertThat(list.get("items")).allSatisfy(j ->
                assertThat(j.get("integration_id").asText()).isEqualTo(bed.integrationId));

        SdpTestBed.assertValidation(api.post(ALIAS + "/jobs", Map.of("ticket_id", id, "kind", "explode")), "kind");
        SdpTestBed.assertValidation(api.post(ALIAS + "/jobs", Map.of("kind", "push")), "ticket_id");
        SdpTestBed.assertError(api.get(ALIAS + "/jobs?job_id=00000000-0000-4000-8000-000000000000"), 404,
                "not_found");
    }

    private static List<String> tickets(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(bed.ticket(Map.of("subject", prefix + " " + i)));
        }
        return ids;
    }

    private static void assertLinkedOnce(List<String> ids) {
        for (String id : ids) {
            List<String> remote = bed.links(id);
            assertThat(remote).as("links of " + id).hasSize(1);
            assertThat(bed.sdp.request(remote.get(0))).isNotNull();
            assertThat(bed.count("select count(*) from links where remote_id=?", remote.get(0))).isEqualTo(1L);
        }
    }
}
