package io.ticketbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/**
 * The sync ledger keyed by ticket (V8): lookups per ticket, one record per local item, and the rows of a
 * deleted ticket or integration gone with it (by code on the embedded store, which has no foreign keys
 * there). {@link PostgresMigrationTest} runs the same checks on PostgreSQL.
 */
class SyncLedgerTest {

    @Test
    void ledgerLookupsAreScopedToTheTicketAndRowsGoWithTheirTicketOrIntegration() {
        try (TestRuntime rt = TestRuntime.start(Map.of())) {
            assertLedger(rt, rt.createSpace("ledger").client());
        }
    }

    static void assertLedger(TestRuntime rt, ApiClient api) {
        Hub hub = rt.hub();
        String a = api.post("/api/tickets", Map.of("subject", "ledger A")).json().path("id").asText();
        String b = api.post("/api/tickets", Map.of("subject", "ledger B")).json().path("id").asText();
        String other = api.post("/api/tickets", Map.of("subject", "ledger C")).json().path("id").asText();
        String integration = api.post("/api/integrations", Map.of("platform", "webhook", "name", "ledger hook",
                "base_url", "http://127.0.0.1:9")).json().path("id").asText();
        String keep = api.post("/api/integrations", Map.of("platform", "webhook", "name", "ledger hook 2",
                "base_url", "http://127.0.0.1:9")).json().path("id").asText();
        LinkStore links = hub.links;
        hub.jdbi.useTransaction(h -> {
            links.recordCrossings(h, integration, List.of(
                    new LinkStore.Crossing(a, "comment", "c1", "r1", LinkStore.IN, "h1"),
                    new LinkStore.Crossing(a, "comment", "c2", "r2", LinkStore.IN, "h2")));
            links.recordCrossing(h, integration, b, "comment", "c3", "r1", LinkStore.OUT, null);
            links.recordCrossing(h, keep, other, "comment", "c4", "r4", LinkStore.OUT, null);
        });
        hub.jdbi.useHandle(h -> {
            assertThat(links.crossed(h, integration, a, "comment", "c1")).isTrue();
            assertThat(links.crossed(h, integration, b, "comment", "c1")).isFalse();
            assertThat(links.crossed(h, integration, a, "attachment", "c1")).isFalse();
            assertThat(links.remoteIdsRecorded(h, integration, a, "comment", List.of("r1", "r2", "r9")))
                    .containsExactlyInAnyOrder("r1", "r2");
            assertThat(links.remoteIdsRecorded(h, integration, b, "comment", List.of("r1", "r2"))).containsExactly("r1");
            assertThat(links.localIdForRemote(h, integration, b, "comment", "r1")).contains("c3");
            assertThat(links.localIdForRemote(h, integration, a, "comment", "r9")).isEmpty();
        });
        // one record per local item: recording it again (the other direction racing) keeps the first
        hub.jdbi.useTransaction(h -> links.recordCrossings(h, integration, List.of(
                new LinkStore.Crossing(a, "comment", "c1", "r-late", LinkStore.OUT, null),
                new LinkStore.Crossing(a, "comment", "c5", "r5", LinkStore.IN, null))));
        hub.jdbi.useHandle(h -> {
            assertThat(links.localIdForRemote(h, integration, a, "comment", "r1")).contains("c1");
            assertThat(links.localIdForRemote(h, integration, a, "comment", "r-late")).isEmpty();
            assertThat(links.crossed(h, integration, a, "comment", "c5")).isTrue();
        });

        assertThat(api.delete("/api/tickets/" + a).status()).isEqualTo(204);
        assertThat(rows(hub, "ticket_id", a)).isZero();
        assertThat(rows(hub, "ticket_id", b)).isEqualTo(1);
        assertThat(api.delete("/api/integrations/" + integration).status()).isEqualTo(204);
        assertThat(rows(hub, "integration_id", integration)).isZero();
        assertThat(rows(hub, "integration_id", keep)).isEqualTo(1);
    }

    private static long rows(Hub hub, String column, String value) {
        return hub.jdbi.withHandle(h -> h.createQuery("select count(*) from sync_ledger where " + column + "=:v")
                .bind("v", value).mapTo(Long.class).one());
    }
}
