package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.LinkStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ensono → hub through real ElasticMQ (SQS transport) with the simulator publishing. */
class EnsonoInboundTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        env = new EnsonoTestSupport("inbound.fifo", 30, "sqs", true, Map.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private Optional<Ticket> hubTicketOf(String ensonoNumber) {
        return env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId, ensonoNumber)
                .flatMap(l -> env.rt.hub().tickets.get(h, null, l.ticketId())));
    }

    private long queueDepth() {
        return Long.parseLong(env.sqs.client().getQueueAttributes(b -> b.queueUrl(env.queueUrl)
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().mapToLong(Long::parseLong).sum() + "");
    }

    @Test
    void anEnsonoCreateMakesTheHubTicketAndReturnsOurNumberThenUpdatesNotesAndClosureApply() {
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Backup failed")
                .put("description", "Nightly backup of fs-02 failed").put("priority", "2"));
        await().until(() -> hubTicketOf(number).isPresent());
        Ticket t = hubTicketOf(number).orElseThrow();
        assertThat(t.subject()).isEqualTo("Backup failed");
        assertThat(t.priority()).isEqualTo("high");
        // returnptn: Ensono now knows our number
        await().until(() -> t.number().equals(env.sim.ticket(number).orElseThrow().path("clientTicketNumber").asText()));
        assertThat(env.requests("PUT", "/tickets/" + number + "/returnptn")).hasSize(1);
        assertThat(env.requests("PUT", "/tickets/" + number + "/returnptn").get(0).payload()
                .path("clientTicketNumber").asText()).isEqualTo(t.number());

        env.sim.agentUpdate(number, Json.object().put("priority", "1").put("status", "workinprogress"));
        await().until(() -> "urgent".equals(hubTicketOf(number).orElseThrow().priority()));
        assertThat(hubTicketOf(number).orElseThrow().status()).isEqualTo("in_progress");

        env.sim.agentNote(number, "Restarted the agent", "Sam Agent");
        await().until(() -> env.api.get("/api/tickets/" + t.id() + "/comments").text().contains("Restarted the agent"));

        env.sim.agentClose(number, "Backup re-run OK", "Solved");
        await().until(() -> "closed".equals(hubTicketOf(number).orElseThrow().status()));
        await().until(() -> queueDepth() == 0);
        // nothing that came from Ensono went back to it (only the returnptn)
        assertThat(env.ticketRequests("PUT").stream().filter(r -> r.path().endsWith("/tickets/" + number))).isEmpty();
        assertThat(env.ticketRequests("POST")).isEmpty();
    }

    @Test
    void outOfScopeTransactionsAreDeletedAndRecorded() {
        env.sim.publishRaw("e-CHG0000001", "Approval Request", true,
                "{\"ticketNumber\":\"e-CHG0000001\",\"ticketType\":\"Change\",\"clientTicketNumber\":\"CHG1\"}");
        String before = env.api.get("/api/ensono/" + env.integrationId + "/queue").text();
        await().until(() -> env.rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from inbox where"
                + " integration_id=:i and status='skipped'").bind("i", env.integrationId).mapTo(Long.class).one()) >= 1);
        await().until(() -> queueDepth() == 0);
        Optional<LinkStore.Link> change = env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h,
                env.integrationId, "e-CHG0000001"));
        assertThat(change).isEmpty();
        assertThat(before).contains("transport");
    }

    @Test
    void messagesWithoutOurNumberKeepAReturnptnGoingUntilItSucceeds() {
        env.sim.failNext(2, 503, "{\"message\":\"Service Unavailable\"}");
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Flaky returnptn"));
        await().until(() -> hubTicketOf(number).isPresent());
        Ticket t = hubTicketOf(number).orElseThrow();
        await().until(() -> t.number().equals(env.sim.ticket(number).orElseThrow().path("clientTicketNumber").asText()));
        LinkStore.Link link = env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h,
                env.integrationId, number)).orElseThrow();
        await().until(() -> "true".equals(String.valueOf(env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links
                .byTicket(h, env.integrationId, link.ticketId())).orElseThrow().snapshot().get("_returnptn"))));
    }

    @Test
    void queueHealthIsInTheApiTheHealthCheckAndTheMetrics() {
        JsonNode q = env.api.get("/api/ensono/" + env.integrationId + "/queue").json();
        assertThat(q.path("transport").asText()).isEqualTo("sqs");
        await().until(() -> env.api.get("/api/ensono/" + env.integrationId + "/queue").json().path("polled").asBoolean());
        String health = new io.ticketbridge.testing.ApiClient(env.rt.managementUrl(), null).get("/observe/health")
                .text();
        assertThat(health).contains("ensono-queue");
        String metrics = new io.ticketbridge.testing.ApiClient(env.rt.managementUrl(), null).get("/observe/metrics")
                .text();
        assertThat(metrics).contains("ticketbridge_ensono_queue_depth").contains("ticketbridge_ensono_queue_oldest_age_seconds");
    }


    @Test
    void aResolutionFromEnsonoResolvesTheHubTicketAndAReopenReopensIt() {
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Reopen me"));
        await().until(() -> hubTicketOf(number).isPresent());
        env.sim.agentResolve(number, "Rebooted");
        await().until(() -> "resolved".equals(hubTicketOf(number).orElseThrow().status()));
        String id = hubTicketOf(number).orElseThrow().id();
        assertThat(env.api.get("/api/tickets/" + id + "/resolution").text()).contains("Rebooted");
        env.sim.agentReopen(number);
        await().until(() -> "open".equals(hubTicketOf(number).orElseThrow().status()));
        // the reopen came from Ensono: nothing is sent back
        assertThat(env.ticketRequests("PUT").stream().filter(r -> r.path().endsWith("/tickets/" + number))).isEmpty();
    }
}
