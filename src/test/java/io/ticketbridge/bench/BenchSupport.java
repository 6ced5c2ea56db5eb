package io.ticketbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;

/** What the bulk-push benchmarks share: tickets to push, waiting for the bulk job, the figures they check. */
final class BenchSupport {

    private BenchSupport() {
    }

    static List<String> createTickets(TicketService tickets, String spaceId, int n, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("subject", prefix + i);
            fields.put("priority", List.of("low", "medium", "high", "urgent").get(i % 4));
            fields.put("description", "Benchmark ticket number " + i);
            ids.add(tickets.create(spaceId, fields, TicketService.ORIGIN_HUB).id());
        }
        return ids;
    }

    /** Polls the API every 100 ms like a user would; the figure is what the user sees. */
    static JsonNode waitForCompletion(ApiClient api, String integration, String jobId, Duration max) {
        return org.awaitility.Awaitility.await("bulk job " + jobId).atMost(max).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(integration + "/jobs?job_id=" + jobId).json(),
                        job -> !"running".equals(job.get("status").asText()));
    }

    /** Hub tickets of the space with no link to the integration. */
    static long unlinked(TestRuntime rt, String spaceId, String integrationId) {
        return rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from tickets t where t.space_id=:s"
                        + " and not exists (select 1 from links l where l.ticket_id=t.id and l.integration_id=:i)")
                .bind("s", spaceId).bind("i", integrationId).mapTo(Long.class).one());
    }

    /** Hub tickets linked more than once to the integration. */
    static long linkedTwice(TestRuntime rt, String integrationId) {
        return rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from (select ticket_id from"
                        + " links where integration_id=:i group by ticket_id having count(*) > 1) d")
                .bind("i", integrationId).mapTo(Long.class).one());
    }

    /** The runtime's data directory holds a few hundred MB after a run. */
    static void deleteQuietly(java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
