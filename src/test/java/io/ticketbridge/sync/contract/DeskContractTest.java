package io.ticketbridge.sync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared desk endpoints (/api/integrations/{id}/...) as every desk must answer them: one suite, run
 * for each desk by a subclass that supplies its {@link DeskBed}. Push creates once, an update carries only
 * what changed, comments and attachments cross once each way with no echo, webhooks fail closed, a change
 * on both sides is a conflict, a bulk push links each ticket once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeskContractTest {

    DeskBed bed;

    abstract DeskBed start();

    @BeforeAll
    void boot() {
        bed = start();
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    String ticket(String subject, String priority) {
        ApiClient.Response r = bed.api().post("/api/tickets", Map.of("subject", subject, "description",
                "Reported by the contract suite", "priority", priority));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    JsonNode post(String path, Object body) {
        ApiClient.Response r = bed.api().post(bed.desk() + path, body);
        assertThat(r.status()).as("%s: %s", path, r).isIn(200, 201);
        return r.json();
    }

    String push(String ticketId) {
        post("/push", Map.of("ticket_id", ticketId));
        return remoteIdOf(ticketId);
    }

    String remoteIdOf(String ticketId) {
        return bed.rt().hub().jdbi.withHandle(h -> bed.rt().hub().links.byTicket(h, bed.integrationId(), ticketId))
                .map(l -> l.remoteId()).orElseThrow(() -> new AssertionError("ticket " + ticketId + " is not linked"));
    }

    List<String> hubComments(String ticketId) {
        List<String> out = new ArrayList<>();
        bed.api().get("/api/tickets/" + ticketId + "/comments").json().get("items")
                .forEach(c -> out.add(c.get("body").asText()));
        return out;
    }

    long jobCount() {
        return bed.rt().hub().jdbi.withHandle(h -> h.createQuery("select count(*) from jobs").mapTo(Long.class).one());
    }

    @Test
    void aPushCreatesOneRemoteTicketAndAnUpdateSendsOnlyWhatChanged() {
        String subject = "Contract push " + System.nanoTime();
        String id = ticket(subject, "low");
        String remote = push(id);
        assertThat(bed.remoteSubject(remote)).isEqualTo(subject);
        push(id);
        assertThat(bed.remoteTicketsWithSubject(subject)).isEqualTo(1);

        int before = bed.updatesSent(remote).size();
        assertThat(bed.api().patch("/api/tickets/" + id, Map.of("priority", "urgent")).status()).isEqualTo(200);
        push(id);
        await().atMost(Duration.ofSeconds(15)).until(() -> bed.updatesSent(remote).size() > before);
        JsonNode update = bed.updatesSent(remote).get(bed.updatesSent(remote).size() - 1);
        assertThat(update.has(bed.priorityField())).as(update.toString()).isTrue();
        assertThat(update.has(bed.subjectField())).as(update.toString()).isFalse();
    }

    @Test
    void commentsCrossOnceEachWayAndAreNotEchoed() {
        String id = ticket("Contract comments " + System.nanoTime(), "medium");
        String remote = push(id);
        assertThat(bed.api().post("/api/tickets/" + id + "/comments", Map.of("body", "From the hub", "public", true))
                .status()).isEqualTo(201);
        push(id);
        assertThat(bed.remoteComments(remote)).containsOnlyOnce("From the hub");

        bed.agentComments(remote, "From the desk");
        post("/sync", Map.of("ticket_id", id));
        post("/sync", Map.of("ticket_id", id));
        assertThat(hubComments(id)).containsOnlyOnce("From the hub").containsOnlyOnce("From the desk");
        push(id);
        assertThat(bed.remoteComments(remote)).containsOnlyOnce("From the hub").containsOnlyOnce("From the desk");
    }

    @Test
    void timeLogsCrossOnceEachWay() {
        String id = ticket("Contract time " + System.nanoTime(), "medium");
        String remote = push(id);
        assertThat(bed.api().post("/api/tickets/" + id + "/time-logs", Map.of("minutes", 30,
                "description", "Hub work")).status()).isEqualTo(201);
        push(id);
        bed.agentLogsTime(remote, 45, "Desk work");
        post("/sync", Map.of("ticket_id", id));
        post("/sync", Map.of("ticket_id", id));
        push(id);
        assertThat(bed.remoteTimeLogs(remote)).containsOnlyOnce("Hub work").containsOnlyOnce("Desk work");
        List<String> hub = new ArrayList<>();
        bed.api().get("/api/tickets/" + id + "/time-logs").json().get("items")
                .forEach(t -> hub.add(t.get("description").asText()));
        assertThat(hub).containsOnlyOnce("Hub work").containsOnlyOnce("Desk work");
    }

    @Test
    void aFullSyncImportsATicketRaisedInTheDesk() {
        String subject = "Raised in the desk " + System.nanoTime();
        String remote = bed.agentCreates(subject);
        post("/sync", Map.of());
        String ticketId = bed.rt().hub().jdbi.withHandle(h -> bed.rt().hub().links.byRemoteId(h, bed.integrationId(),
                remote)).map(l -> l.ticketId()).orElseThrow(() -> new AssertionError("not imported: " + remote));
        assertThat(bed.api().get("/api/tickets/" + ticketId).json().get("subject").asText()).isEqualTo(subject);
        post("/sync", Map.of());
        long links = bed.rt().hub().jdbi.withHandle(h -> h.createQuery("select count(*) from links where remote_id=:r")
                .bind("r", remote).mapTo(Long.class).one());
        assertThat(links).isEqualTo(1);
    }

    @Test
    void aFieldMappingAndATemplateShapeWhatIsCreated() {
        String site = "EXT-" + System.nanoTime();
        assertThat(bed.api().post(bed.desk() + "/field-mappings", Map.of("local_field", "custom_fields.site",
                "remote_field", bed.customFieldPath())).status()).isEqualTo(201);
        String template = "contract-" + System.nanoTime();
        DeskBed.TemplateDefault dflt = bed.templateDefault();
        ApiClient.Response t = bed.api().post(bed.desk() + "/templates", Map.of("name", template,
                "defaultFields", Map.of(dflt.field(), dflt.value())));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        ApiClient.Response created = bed.api().post("/api/tickets", Map.of("subject", "Contract mapped " + site,
                "custom_fields", Map.of("site", site)));
        String id = created.json().get("id").asText();
        post("/push", Map.of("ticket_id", id, "template", template));
        String remote = remoteIdOf(id);
        assertThat(bed.remoteText(remote, bed.customFieldPath())).isEqualTo(site);
        assertThat(bed.remoteText(remote, dflt.field())).isEqualTo(dflt.expected());
        assertThat(bed.api().delete(bed.desk() + "/field-mappings?local_field=custom_fields.site").status())
                .isEqualTo(204);
    }

    @Test
    void anAttachmentCrossesOnce() {
        String id = ticket("Contract attachment " + System.nanoTime(), "medium");
        String remote = push(id);
        ApiClient.Response up = bed.api().upload("/api/tickets/" + id + "/attachments", "file", "trace.log",
                "text/plain", "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        push(id);
        push(id);
        assertThat(bed.remoteAttachmentNames(remote)).containsOnlyOnce("trace.log");
    }

    @Test
    void webhooksFailClosedAndASignedOneBringsTheChangeIn() {
        String id = ticket("Contract webhook " + System.nanoTime(), "medium");
        String remote = push(id);
        long jobs = jobCount();
        ApiClient.Response forged = bed.webhook(remote, false);
        assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
        assertThat(forged.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(jobCount()).isEqualTo(jobs);

        bed.agentEditsSubject(remote, "Renamed in the desk");
        ApiClient.Response signed = bed.webhook(remote, true);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(bed.api().get("/api/tickets/" + id)
                .json().get("subject").asText()).isEqualTo("Renamed in the desk"));
    }

    @Test
    void aChangeOnBothSidesIsAConflict() {
        String id = ticket("Contract conflict " + System.nanoTime(), "medium");
        String remote = push(id);
        bed.agentEditsSubject(remote, "Desk side");
        assertThat(bed.api().patch("/api/tickets/" + id, Map.of("subject", "Hub side")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            post("/push", Map.of("ticket_id", id));
            JsonNode conflicts = bed.api().get(bed.desk() + "/conflict-resolution?ticket_id=" + id).json().get("items");
            assertThat(conflicts).as(conflicts.toString()).isNotEmpty();
            assertThat(conflicts.toString()).contains("Hub side").contains("Desk side");
        });
    }

    @Test
    void aBulkPushLinksEachTicketOnce() {
        List<String> ids = new ArrayList<>();
        String prefix = "Contract bulk " + System.nanoTime();
        for (int i = 0; i < 7; i++) {
            ids.add(ticket(prefix + " #" + i, "low"));
        }
        JsonNode r = bed.api().post(bed.desk() + "/bulk-push", Map.of("ticket_ids", ids)).json();
        String job = r.get("job_id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(bed.api().get("/api/jobs/" + job).json().get("status").asText()).isEqualTo("succeeded"));
        for (int i = 0; i < 7; i++) {
            assertThat(bed.remoteTicketsWithSubject(prefix + " #" + i)).isEqualTo(1);
            remoteIdOf(ids.get(i));
        }
    }
}
