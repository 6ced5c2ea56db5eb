package io.ticketbridge.sync;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.sdp.RecordedRequest;
import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound pacing against SDP's own limit (simulator: 20 requests per fixed one-second window):
 * paced just below it a bulk push gets no 429; paced far above it every 429 is honoured (nothing
 * sent before its Retry-After) and still every hub ticket ends linked to exactly one SDP request.
 */
class SdpOutboundRateLimitTest {

    static final int SDP_LIMIT = 20;
    static SdpTestBed bed;
    static ApiClient api;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start(new SdpSimulator.Options().rateLimitPerSecond(SDP_LIMIT), Map.of(),
                Map.of("max_requests_per_second", 18));
        api = bed.api;
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void pacedJustBelowTheLimitFortyTicketsGoOutWithoutA429() {
        setPace(18);
        List<String> ids = tickets("Paced", 40);
        int before = bed.sdp.count429();
        int sdpBefore = bed.sdp.requestCount();
        bed.sdp.clearRequests();

        bulkPushAndWait(ids);

        assertThat(bed.sdp.count429() - before).isZero();
        assertExactlyOnce(ids, sdpBefore);
        List<RecordedRequest> posts = bed.calls("POST", "/requests");
        assertThat(posts).hasSize(40);
        Duration spread = Duration.between(posts.get(0).receivedAt(), posts.get(39).receivedAt());
        // 39 gaps at 18/s: a little over 2 s; unpaced it would take a fraction of that
        assertThat(spread).isGreaterThan(Duration.ofMillis(39 * 1000 / 18 - 150));
    }

    @Test
    void pacedFarAboveTheLimitEvery429IsHonouredAndNothingIsLostOrDuplicated() {
        setPace(200);
        try {
            List<String> ids = tickets("Throttled", 40);
            int before = bed.sdp.count429();
            int sdpBefore = bed.sdp.requestCount();
            bed.sdp.clearRequests();

            bulkPushAndWait(ids);

            int throttled = bed.sdp.count429() - before;
            assertThat(throttled).isPositive();
            assertExactlyOnce(ids, sdpBefore);
            assertRetryAfterHonoured(bed.sdp.requests(), throttled);
        } finally {
            setPace(18);
        }
    }

    /**
     * Retry-After is the rest of SDP's one-second window rounded up to whole seconds, so every 429 must
     * be followed by a pause of about a second before our next call. Ignored, the lane would send the
     * next job at once (or retry after the 200 ms backoff this runtime is configured with) and collect a
     * 429 every few milliseconds until the window turns.
     */
    private static void assertRetryAfterHonoured(List<RecordedRequest> journal, int throttled) {
        List<RecordedRequest> calls = journal.stream().filter(r -> r.path().startsWith("/api/v3/")).toList();
        int pauses = 0;
        for (int i = 0; i + 1 < calls.size(); i++) {
            if (Duration.between(calls.get(i).receivedAt(), calls.get(i + 1).receivedAt())
                    .compareTo(Duration.ofMillis(950)) >= 0) {
                pauses++;
            }
        }
        assertThat(pauses).as("pauses of a second or more after %d 429s", throttled).isGreaterThanOrEqualTo(throttled);
        assertThat(calls).hasSize(40 + throttled);
    }

    private static void setPace(int perSecond) {
        ApiClient.Response r = api.post(ALIAS, Map.of("max_requests_per_second", perSecond));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static List<String> tickets(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(bed.ticket(Map.of("subject", prefix + " #" + i)));
        }
        return ids;
    }

    private static void bulkPushAndWait(List<String> ids) {
        ApiClient.Response r = api.post(ALIAS + "/bulk-push", Map.of("ticket_ids", ids));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String jobId = r.json().get("jobId").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode job = api.get(ALIAS + "/jobs?job_id=" + jobId).json();
            assertThat(job.get("status").asText()).as(job.toString()).isIn("succeeded", "failed");
        });
        JsonNode job = api.get(ALIAS + "/jobs?job_id=" + jobId).json();
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("progress").get("succeeded").asInt()).isEqualTo(ids.size());
    }

    /** Every hub ticket linked to exactly one SDP request, one SDP request per ticket, no strays. */
    private static void assertExactlyOnce(List<String> ids, int sdpBefore) {
        assertThat(bed.sdp.requestCount() - sdpBefore).isEqualTo(ids.size());
        for (String id : ids) {
            List<String> remote = bed.links(id);
            assertThat(remote).as("links of " + id).hasSize(1);
            assertThat(bed.sdp.request(remote.get(0)).path("subject").asText())
                    .isEqualTo(bed.hubTicket(id).get("subject").asText());
        }
        assertThat(bed.count("select count(distinct remote_id) from links where integration_id=? and ticket_id in ("
                + String.join(",", ids.stream().map(x -> "'" + x + "'").toList()) + ")", bed.integrationId))
                .isEqualTo(ids.size());
    }
}
