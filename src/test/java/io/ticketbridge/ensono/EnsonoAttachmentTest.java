package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.ensono.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files both ways through the bridge's pre-signed URLs: a hub attachment goes to Ensono once (GET an
 * upload URL with the API key, PUT the bytes without it); a public attachment added at Ensono arrives
 * through the queue and is stored on the hub ticket, and is never sent back. The signature of a
 * pre-signed URL does not reach the audit log.
 */
class EnsonoAttachmentTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        // files up to 4 KB: the tests' files are smaller, except the one that checks the limit; calls time
        // out after 10 s, so a slow download (6 s) completes
        env = new EnsonoTestSupport("attachments.fifo", 30, "sqs", true,
                Map.of("ticketbridge.attachments.max-bytes", "4096"), Map.of("timeout_ms", 10_000));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** A hub ticket in the bridge's scope, once Ensono has its number; returns the hub id. */
    private static String bridgedHubTicket(String subject) {
        String id = env.createTicket(Map.of("subject", subject, "group", "Network", "requester_name", "Jane Doe",
                "requester_email", "jane@acme.example")).path("id").asText();
        await().until(() -> env.linkNumber(id) != null);
        return id;
    }

    /** The hub ticket an Ensono-created ticket became, once its Create came through the queue. */
    private static String hubTicketOf(String ensonoNumber) {
        await().until(() -> linkOf(ensonoNumber).isPresent());
        return linkOf(ensonoNumber).orElseThrow().ticketId();
    }

    private static java.util.Optional<io.ticketbridge.store.LinkStore.Link> linkOf(String ensonoNumber) {
        return env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId,
                ensonoNumber));
    }

    private List<RecordedRequest> s3(String method) {
        return env.sim.requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith("/_s3/"))
                .toList();
    }

    @Test
    void aHubAttachmentIsUploadedToEnsonoOnceWithoutTheApiKey() {
        String id = bridgedHubTicket("Router crash");
        String number = env.linkNumber(id);

        byte[] content = new byte[2048];
        new Random(11).nextBytes(content);
        var up = env.api.upload("/api/tickets/" + id + "/attachments", "file", "crash dump.bin",
                "application/octet-stream", content);
        assertThat(up.status()).isEqualTo(201);

        await().until(() -> env.sim.uploadedAttachment(number, "crash dump.bin").isPresent());
        assertThat(env.sim.uploadedAttachment(number, "crash dump.bin").orElseThrow()).isEqualTo(content);
        // the upload URL was asked for with the API key; the file itself went to storage without it
        List<RecordedRequest> asks = env.requests("GET", "/tickets/" + number + "/attachments/crash%20dump.bin");
        assertThat(asks).hasSize(1);
        assertThat(asks.get(0).headers().keySet().stream().map(String::toLowerCase)).contains("x-api-key");
        List<RecordedRequest> puts = s3("PUT");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).headers().keySet().stream().map(String::toLowerCase)).doesNotContain("x-api-key");
        assertThat(puts.get(0).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type")).findFirst().orElseThrow().getValue())
                .containsExactly("application/octet-stream");

        // a later change to the ticket does not send the file again
        env.api.post("/api/tickets/" + id + "/comments", Map.of("body", "Dump attached", "author", "Jane Doe"));
        await().until(() -> !env.requests("PUT", "/tickets/" + number).isEmpty());
        assertThat(s3("PUT")).hasSize(1);

        // the audit log has the calls, but not the pre-signed URL's signature
        String audit = env.api.get("/api/audit/logs?resource_type=integration&resource_id=" + env.integrationId
                + "&page_size=200").text();
        assertThat(audit).contains("/_s3/");
        String signature = puts.get(0).query().replaceAll(".*X-Amz-Signature=([^&]+).*", "$1");
        assertThat(signature).hasSizeGreaterThan(10);
        assertThat(audit).doesNotContain(signature);
    }

    @Test
    void aFileEnsonoRefusesIsRecordedAndDoesNotHoldUpLaterChanges() {
        String id = bridgedHubTicket("Refused file");
        String number = env.linkNumber(id);
        // nothing else of this ticket on its way, so the injected fault meets the upload-URL request
        await().until(() -> env.rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from jobs where"
                + " ticket_id=:t and status in ('pending','in_flight')").bind("t", id).mapTo(Long.class).one()) == 0);

        env.sim.failNext(1, 400, "{\"Response\":\"Bad Path\"}");
        env.api.upload("/api/tickets/" + id + "/attachments", "file", "refused.exe", "application/octet-stream",
                new byte[] {1, 2, 3});
        await().until(() -> env.rt.hub().jdbi.withHandle(h -> h.createQuery("select count(*) from sync_logs where"
                + " ticket_id=:t and operation='attachment' and status='failed'").bind("t", id).mapTo(Long.class)
                .one()) == 1);
        long asks = env.requests("GET", "/attachments/refused.exe").size();

        // a later change still goes out, and the refused file is not tried again
        env.api.patch("/api/tickets/" + id, Map.of("priority", "urgent"));
        await().until(() -> env.requests("PUT", "/tickets/" + number).stream()
                .anyMatch(r -> r.json() != null && r.json().path("payload").has("priority")));
        assertThat(env.requests("GET", "/attachments/refused.exe")).hasSize((int) asks);
        assertThat(env.sim.uploadedAttachment(number, "refused.exe")).isEmpty();
    }

    @Test
    void anEnsonoAttachmentIsStoredOnTheHubTicketAndNotSentBack() {
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Screenshot from the agent"));
        String ticketId = hubTicketOf(number);
        byte[] content = "agent notes: rebooted the switch\n".getBytes(StandardCharsets.UTF_8);
        env.sim.agentAttach(number, "agent-notes.txt", "text/plain", content);

        await().until(() -> env.api.get("/api/tickets/" + ticketId + "/attachments").json().path("items").size() == 1);
        JsonNode a = env.api.get("/api/tickets/" + ticketId + "/attachments").json().path("items").get(0);
        assertThat(a.path("filename").asText()).isEqualTo("agent-notes.txt");
        assertThat(a.path("content_type").asText()).startsWith("text/plain");
        var download = env.api.get("/api/tickets/" + ticketId + "/attachments/" + a.path("id").asText()
                + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        // the download is audited, the file's text is not
        String audit = env.api.get("/api/audit/logs?resource_type=integration&resource_id=" + env.integrationId
                + "&page_size=200").text();
        assertThat(audit).contains("[" + content.length + " bytes]").doesNotContain("rebooted the switch");

        // the file came from Ensono: it is not uploaded back
        env.api.post("/api/tickets/" + ticketId + "/comments", Map.of("body", "Thanks", "author", "Jane Doe"));
        await().until(() -> !env.requests("PUT", "/tickets/" + number).isEmpty());
        assertThat(env.requests("GET", "/attachments/agent-notes.txt")).isEmpty();
    }

    @Test
    void aSlowFileDownloadHoldsUpNeitherTheStoreNorOtherTickets() {
        String slow = env.sim.agentCreate(Json.object().put("shortDescription", "Large log on the way"));
        String other = env.sim.agentCreate(Json.object().put("shortDescription", "Printer offline"));
        String slowId = hubTicketOf(slow);
        String otherId = hubTicketOf(other);
        int downloadsBefore = s3("GET").size();
        env.sim.delayNextDownloads(1, Duration.ofSeconds(6));
        byte[] content = "slow storage\n".getBytes(StandardCharsets.UTF_8);
        env.sim.agentAttach(slow, "slow.log", "text/plain", content);
        // the attachment's batch is fetching the file (6 s); meanwhile the other ticket's note comes and applies
        await().until(() -> s3("GET").size() > downloadsBefore);
        long sentAt = System.nanoTime();
        env.sim.agentNote(other, "Printer is back online", "Ensono Agent");
        await().atMost(Duration.ofSeconds(4))
                .until(() -> env.api.get("/api/tickets/" + otherId + "/comments").text().contains("back online"));
        assertThat((System.nanoTime() - sentAt) / 1e9).as("the note did not wait for the download").isLessThan(4.0);
        assertThat(env.api.get("/api/tickets/" + slowId + "/attachments").json().path("items").size())
                .as("the file is still on its way").isZero();
        // the file arrives once its download ends
        await().atMost(Duration.ofSeconds(20)).until(() -> env.api.get("/api/tickets/" + slowId + "/attachments")
                .json().path("items").size() == 1);
    }

    @Test
    void anEnsonoFileOverTheLimitIsNotDownloadedAndIsNotedAsAComment() {
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Core dump from the agent"));
        String ticketId = hubTicketOf(number);
        byte[] content = new byte[256 * 1024];
        java.util.Arrays.fill(content, (byte) 'x');
        env.sim.agentAttach(number, "core.dump", "application/octet-stream", content);

        await().until(() -> env.api.get("/api/tickets/" + ticketId + "/comments").text().contains("core.dump"));
        assertThat(env.api.get("/api/tickets/" + ticketId + "/comments").text())
                .contains("over the limit of 4096 bytes");
        assertThat(env.api.get("/api/tickets/" + ticketId + "/attachments").json().path("items").size()).isZero();
        // the audit entry says why and how little was read
        String audit = env.api.get("/api/audit/logs?resource_type=integration&resource_id=" + env.integrationId
                + "&page_size=200").text();
        assertThat(audit).contains("[over 4096 bytes, not read]");
    }
}
