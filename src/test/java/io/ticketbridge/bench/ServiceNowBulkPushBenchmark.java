package io.ticketbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.sandbox.servicenow.ServiceNowSimulator;
import io.ticketbridge.sandbox.support.RecordedRequest;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/**
 * Bulk push of 1,000 hub tickets through the job queue to the ServiceNow simulator limited to 20
 * requests per second (issue 14's benchmark). Not a timed test: it prints its figures. Run it with
 *
 * <pre>mvn -B test -Dtest=ServiceNowBulkPushBenchmark</pre>
 *
 * Printed: elapsed seconds from the bulk-push call to the bulk job's completion, the ideal (ServiceNow
 * API requests actually sent ÷ 20), their ratio (target ≤ 1.10), the 429s the simulator answered, and
 * lost / duplicated incidents (each hub ticket linked to exactly one incident; the instance holds exactly
 * 1,000). The instance's budget is 20 requests a second ({@code -Dbench.burst}: how many of them may come
 * together, default 20, a one-second budget; 1 makes it refuse any call closer than 50 ms to the one
 * before); the integration paces at {@code -Dbench.pace} (default 20). A warm-up push of
 * {@code -Dbench.warmup} tickets to an unthrottled simulator runs first, unmeasured.
 */
class ServiceNowBulkPushBenchmark {

    static final int TICKETS = 1_000;
    static final int LIMIT = 20;
    static final int PACE = Integer.getInteger("bench.pace", 20);
    static final int BURST = Integer.getInteger("bench.burst", LIMIT);
    static final int WARM_UP = Integer.getInteger("bench.warmup", 1000);

    @Test
    void bulkPushOfAThousandIncidentsUnderTheInstanceRateLimit() {
        java.nio.file.Path dataDir = null;
        try (ServiceNowSimulator sn = ServiceNowSimulator.builder().user("bench", "bench-password-123")
                .rateLimitPerSecond(LIMIT).rateLimitBurst(BURST).start();
             TestRuntime rt = TestRuntime.start(Map.of())) {
            dataDir = rt.dataDir();
            ApiClient api = rt.admin();
            TicketService tickets = rt.context().getRegistry().lookupByNameAndType("ticketService",
                    TicketService.class);
            warmUp(rt, api, tickets);
            ApiClient.Response config = api.post("/api/integrations", Map.of("platform", "servicenow",
                    "name", "ServiceNow bench", "base_url", sn.baseUrl(), "credentials", Map.of("username", "bench",
                            "password", "bench-password-123"), "config", Map.of("max_requests_per_second", PACE)));
            assertThat(config.status()).as(config.toString()).isEqualTo(201);
            String integrationId = config.json().get("id").asText();
            String spaceId = config.json().get("space_id").asText();
            List<String> ids = BenchSupport.createTickets(tickets, spaceId, TICKETS, "Bench incident ");
            sn.clearRequests();
            int throttledBefore = sn.count429();

            long start = System.nanoTime();
            ApiClient.Response bulk = api.post("/api/integrations/" + integrationId + "/bulk-push",
                    Map.of("ticket_ids", ids, "useJobQueue", true));
            assertThat(bulk.status()).as(bulk.toString()).isEqualTo(202);
            JsonNode job = BenchSupport.waitForCompletion(api, "/api/integrations/" + integrationId,
                    bulk.json().get("jobId").asText(), Duration.ofMinutes(10));
            double elapsed = (System.nanoTime() - start) / 1e9;

            List<RecordedRequest> sent = sn.requests().stream().filter(r -> r.path().startsWith("/api/now/")).toList();
            int throttled = sn.count429() - throttledBefore;
            double ideal = (double) sent.size() / LIMIT;
            long incidents = sn.records("incident").stream()
                    .filter(r -> String.valueOf(r.get("short_description")).startsWith("Bench incident ")).count();
            long lost = BenchSupport.unlinked(rt, spaceId, integrationId);
            long duplicated = BenchSupport.linkedTwice(rt, integrationId) + Math.max(0, incidents - TICKETS);

            System.out.printf("%n=== ServiceNowBulkPushBenchmark: %d tickets, instance limit %d req/s (burst %d),"
                    + " pace %d req/s ===%n", TICKETS, LIMIT, BURST, PACE);
            System.out.printf("bulk job status           : %s %s%n", job.get("status").asText(), job.get("progress"));
            System.out.printf("ServiceNow requests sent  : %d%n", sent.size());
            System.out.printf("elapsed                   : %.2f s%n", elapsed);
            System.out.printf("ideal (requests / %d)     : %.2f s%n", LIMIT, ideal);
            System.out.printf("ratio elapsed / ideal     : %.3f (target <= 1.10)%n", elapsed / ideal);
            System.out.printf("429s received             : %d%n", throttled);
            System.out.printf("lost tickets              : %d%n", lost);
            System.out.printf("duplicated tickets        : %d%n", duplicated);
            System.out.printf("incidents on the instance : %d (expected %d)%n%n", incidents, TICKETS);

            assertThat(job.get("status").asText()).isEqualTo("succeeded");
            assertThat(lost).isZero();
            assertThat(duplicated).isZero();
            assertThat(incidents).isEqualTo(TICKETS);
        } finally {
            BenchSupport.deleteQuietly(dataDir);
        }
    }

    /** The same push, unmeasured, in another space to an unthrottled simulator: compiled code, not the JIT. */
    private static void warmUp(TestRuntime rt, ApiClient api, TicketService tickets) {
        if (WARM_UP <= 0) {
            return;
        }
        try (ServiceNowSimulator warm = ServiceNowSimulator.builder().user("warm", "warm-password-123").start()) {
            String space = api.post("/api/spaces", Map.of("name", "warm-up")).json().get("id").asText();
            ApiClient.Response config = api.post("/api/integrations", Map.of("platform", "servicenow", "space_id",
                    space, "name", "warm", "base_url", warm.baseUrl(), "credentials", Map.of("username", "warm",
                            "password", "warm-password-123"), "config", Map.of("max_requests_per_second", 0)));
            assertThat(config.status()).as(config.toString()).isEqualTo(201);
            String integration = config.json().get("id").asText();
            List<String> ids = BenchSupport.createTickets(tickets, space, WARM_UP, "Warm-up incident ");
            ApiClient.Response bulk = api.post("/api/integrations/" + integration + "/bulk-push",
                    Map.of("ticket_ids", ids, "useJobQueue", true));
            JsonNode done = BenchSupport.waitForCompletion(api, "/api/integrations/" + integration,
                    bulk.json().get("jobId").asText(), Duration.ofMinutes(5));
            assertThat(done.get("status").asText()).isEqualTo("succeeded");
        }
    }
}
