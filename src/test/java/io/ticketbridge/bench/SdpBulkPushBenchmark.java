package io.ticketbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.sandbox.sdp.RecordedRequest;
import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/**
 * Bulk push of 1,000 hub tickets through the job queue to the SDP simulator limited to 50 requests
 * per second (issue 4's benchmark). Not a timed test: it prints its figures. Run it with
 *
 * <pre>mvn -B test -Dtest=SdpBulkPushBenchmark</pre>
 *
 * (surefire skips *Benchmark classes otherwise). Printed: elapsed seconds from the bulk-push call
 * to the bulk job's completion, the ideal (SDP requests actually sent ÷ 50), their ratio (target
 * ≤ 1.15), the 429s SDP answered, and lost / duplicated tickets (each hub ticket must be linked to
 * exactly one SDP request, and SDP must hold exactly 1,000 requests).
 *
 * <p>The integration's {@code max_requests_per_second} is 48, not 50: the simulator (like a vendor
 * counting per clock second) limits a fixed one-second window, and a call released on time by the
 * rate governor can reach SDP some milliseconds late (thread scheduling on a busy machine), right
 * next to the one after it. At a pace of 50 (or 49) that jitter now and then puts one call too many
 * into a window, and that 429 costs a whole Retry-After second (5% of the ideal); 48 leaves room for
 * the jitter at a steady cost of 4%. A warm-up bulk push (another space, an unthrottled simulator)
 * runs first, unmeasured, so the figure is that of a runtime whose code is compiled, not of the JIT
 * compiler at start-up. {@code -Dbench.pace=N} and {@code -Dbench.warmup=N} change those settings;
 * {@code -Dbench.history=N} first stores N finished jobs of the integration, as a runtime that has
 * been up for months has (the outbox must not slow down with its own history).
 */
class SdpBulkPushBenchmark {

    static final int TICKETS = 1_000;
    static final int SDP_LIMIT = 50;
    static final int PACE = Integer.getInteger("bench.pace", 48);
    static final int WARM_UP = Integer.getInteger("bench.warmup", 1500);
    static final int HISTORY = Integer.getInteger("bench.history", 0);

    @Test
    void bulkPushOfAThousandTicketsUnderTheSdpRateLimit() {
        java.nio.file.Path dataDir = null;
        try (SdpSimulator sdp = SdpSimulator.start(new SdpSimulator.Options().authtoken("bench-authtoken-123")
                .rateLimitPerSecond(SDP_LIMIT).journalLimit(20_000));
             TestRuntime rt = TestRuntime.start(Map.of())) {
            dataDir = rt.dataDir();
            ApiClient api = rt.admin();
            ApiClient.Response config = api.post("/api/integrations/manageengine-servicedesk", Map.of(
                    "url", sdp.baseUrl(), "api_key", "bench-authtoken-123", "max_requests_per_second", PACE));
            assertThat(config.status()).as(config.toString()).isEqualTo(201);
            String integrationId = config.json().get("id").asText();
            String spaceId = config.json().get("space_id").asText();

            TicketService tickets = rt.context().getRegistry().lookupByNameAndType("ticketService",
                    TicketService.class);
            warmUp(rt, api, tickets);
            addHistory(rt, spaceId, integrationId, HISTORY);
            List<String> ids = BenchSupport.createTickets(tickets, spaceId, TICKETS, "Bench ticket ");
            sdp.clearRequests();
            int throttledBefore = sdp.count429();

            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            ApiClient.Response bulk = api.post("/api/integrations/manageengine-servicedesk/bulk-push",
                    Map.of("ticket_ids", ids, "useJobQueue", true));
            assertThat(bulk.status()).as(bulk.toString()).isEqualTo(202);
            String jobId = bulk.json().get("jobId").asText();
            JsonNode job = BenchSupport.waitForCompletion(api, "/api/integrations/manageengine-servicedesk", jobId,
                    Duration.ofMinutes(10));
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            double load = os.getSystemLoadAverage();

            List<RecordedRequest> sent = sdp.requests().stream().filter(r -> r.path().startsWith("/api/v3/")).toList();
            int throttled = sdp.count429() - throttledBefore;
            double ideal = (double) sent.size() / SDP_LIMIT;
            long lost = BenchSupport.unlinked(rt, spaceId, integrationId);
            long duplicated = BenchSupport.linkedTwice(rt, integrationId) + Math.max(0, sdp.requestCount() - TICKETS);
            long posts = sent.stream().filter(r -> r.method().equals("POST") && r.path().equals("/api/v3/requests"))
                    .count();

            System.out.printf("%n=== SdpBulkPushBenchmark: %d tickets, SDP limit %d req/s, pace %d req/s,"
                    + " %d earlier jobs ===%n", TICKETS, SDP_LIMIT, PACE, HISTORY);
            System.out.printf("bulk job status         : %s %s%n", job.get("status").asText(), job.get("progress"));
            System.out.printf("SDP requests sent       : %d (%d creates)%n", sent.size(), posts);
            System.out.printf("elapsed                 : %.2f s%n", elapsed);
            System.out.printf("ideal (requests / %d)   : %.2f s%n", SDP_LIMIT, ideal);
            System.out.printf("ratio elapsed / ideal   : %.3f (target <= 1.15)%n", elapsed / ideal);
            System.out.printf("429s received           : %d%n", throttled);
            System.out.printf("lost tickets            : %d%n", lost);
            System.out.printf("duplicated tickets      : %d%n", duplicated);
            System.out.printf("SDP request count       : %d (expected %d)%n", sdp.requestCount(), TICKETS);
            System.out.printf("process CPU during push : %.2f s (%.1f ms per ticket, simulator included; %d cores,"
                    + " load average %.1f)%n%n", cpu, cpu * 1000 / TICKETS, os.getAvailableProcessors(), load);

            assertThat(job.get("status").asText()).isEqualTo("succeeded");
            assertThat(lost).isZero();
            assertThat(duplicated).isZero();
            assertThat(sdp.requestCount()).isEqualTo(TICKETS);
        } finally {
            BenchSupport.deleteQuietly(dataDir);
        }
    }

    /**
     * The same bulk push, unmeasured, of {@value #WARM_UP} tickets in another space to an unthrottled
     * simulator: a runtime that has been up for a while has its code compiled; a cold one spends the
     * first seconds in the JIT compiler, which this figure is not about.
     */
    private static void warmUp(TestRuntime rt, ApiClient api, TicketService tickets) {
        try (SdpSimulator warm = SdpSimulator.start(new SdpSimulator.Options().authtoken("warm-authtoken-123"))) {
            String space = api.post("/api/spaces", Map.of("name", "warm-up")).json().get("id").asText();
            ApiClient.Response config = api.post("/api/integrations/manageengine-servicedesk", Map.of("space_id", space,
                    "url", warm.baseUrl(), "api_key", "warm-authtoken-123", "max_requests_per_second", 0));
            assertThat(config.status()).as(config.toString()).isEqualTo(201);
            String integration = config.json().get("id").asText();
            List<String> ids = BenchSupport.createTickets(tickets, space, WARM_UP, "Warm-up ticket ");
            ApiClient.Response bulk = api.post("/api/integrations/" + integration + "/bulk-push",
                    Map.of("ticket_ids", ids, "useJobQueue", true));
            assertThat(bulk.status()).as(bulk.toString()).isEqualTo(202);
            JsonNode done = BenchSupport.waitForCompletion(api, "/api/integrations/" + integration,
                    bulk.json().get("jobId").asText(), Duration.ofMinutes(5));
            assertThat(done.get("status").asText()).isEqualTo("succeeded");
        }
    }

    /** Finished jobs of this integration, as a runtime that has been pushing for months has. */
    private static void addHistory(TestRuntime rt, String spaceId, String integrationId, int jobs) {
        if (jobs > 0) {
            rt.hub().jdbi.useHandle(h -> h.createUpdate("insert into jobs (id, space_id, integration_id, ticket_id,"
                            + " kind, payload, status, attempts, max_attempts, next_attempt_at, created_at,"
                            + " updated_at, completed_at) select random_uuid(), :s, :i, random_uuid(), 'push', '{}',"
                            + " 'succeeded', 1, 4, current_timestamp, current_timestamp, current_timestamp,"
                            + " current_timestamp"
                            + " from system_range(1, :n)")
                    .bind("s", spaceId).bind("i", integrationId).bind("n", jobs).execute());
        }
    }
}
