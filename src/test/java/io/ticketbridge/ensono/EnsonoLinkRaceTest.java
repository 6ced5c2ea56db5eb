package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An outbound create racing the inbound side that links the same ticket (ReturnEnsonoNum, or any queue
 * message naming our number): the inbound transaction has inserted the link but not committed when the
 * create's answer is recorded. Both must converge on one link, and the create job must not fail.
 */
class EnsonoLinkRaceTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        env = new EnsonoTestSupport("link-race.fifo", 30, "none", false, Map.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void theCreateAdoptsALinkTheInboundSideCommittedWhileItWasRecordingAndNoJobFails() {
        // the create's answer comes late, so the "inbound" transaction below is open when it is recorded
        env.sim.delayNext(1, Duration.ofMillis(1500));
        JsonNode t = env.createTicket(Map.of("subject", "Racing link", "group", "Network", "priority", "high"));
        String ticketId = t.path("id").asText();
        try (Handle inbound = env.rt.hub().jdbi.open()) {
            inbound.begin();
            inbound.createUpdate("insert into links (id, ticket_id, integration_id, remote_id, remote_number, snapshot,"
                            + " last_synced_at, created_at, updated_at) values (:id, :t, :i, :r, :r, null, :now, :now,"
                            + " :now)")
                    .bind("id", io.ticketbridge.model.Ids.newId()).bind("t", ticketId).bind("i", env.integrationId)
                    .bind("r", "e-CS0000001").bind("now", java.sql.Timestamp.from(Instant.now())).execute();
            // the create has been answered (the simulator holds the ticket) and is being recorded meanwhile
            await().until(() -> env.simTicketFor(t.path("number").asText()) != null);
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            inbound.commit();
        }
        await().untilAsserted(() -> {
            JsonNode jobs = env.api.get("/api/jobs?integration_id=" + env.integrationId + "&ticket_id=" + ticketId)
                    .json().path("items");
            assertThat(jobs).isNotEmpty();
            for (JsonNode j : jobs) {
                assertThat(j.path("status").asText()).as(j.toString()).isEqualTo("succeeded");
            }
        });
        JsonNode jobs = env.api.get("/api/jobs?integration_id=" + env.integrationId + "&ticket_id=" + ticketId).json();
        assertThat(jobs.toString()).doesNotContainIgnoringCase("unique").doesNotContainIgnoringCase("insert into");
        long links = env.rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from links where ticket_id=:t")
                .bind("t", ticketId).mapTo(Long.class).one());
        assertThat(links).isEqualTo(1);
        assertThat(env.linkNumber(ticketId)).isEqualTo(env.simTicketFor(t.path("number").asText())
                .path("ticketNumber").asText());
        assertThat(env.simTicketsFor(t.path("number").asText())).isEqualTo(1);
    }
}
