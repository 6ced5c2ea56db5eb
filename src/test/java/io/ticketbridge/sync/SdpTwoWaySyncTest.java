package io.ticketbridge.sync;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync: comments, attachments and time logs cross once in each direction and what we wrote
 * is never read back as new; hub changes to a linked ticket push on their own (unless auto_sync is
 * off) with only the changed fields.
 */
class SdpTwoWaySyncTest {

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

    private static JsonNode items(String ticketId, String what) {
        return api.get("/api/tickets/" + ticketId + "/" + what).json().get("items");
    }

    private static void sync(String ticketId) {
        ApiClient.Response r = api.post(ALIAS + "/sync", Map.of("ticket_id", ticketId));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static void push(String ticketId) {
        ApiClient.Response r = api.post(ALIAS + "/push", Map.of("ticket_id", ticketId));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void aResolutionWrittenInSdpBecomesTheHubResolutionOnce() {
        String id = bed.ticket(Map.of("subject", "Resolved over there"));
        String remoteId = bed.push(id);
        bed.sdp.setResolutionDirect(remoteId, "Replaced the PSU");
        sync(id);
        JsonNode resolution = api.get("/api/tickets/" + id + "/resolution").json();
        assertThat(resolution.get("content").asText()).isEqualTo("Replaced the PSU");
        sync(id);
        assertThat(bed.count("select count(*) from sync_ledger where ticket_id=? and item_type='resolution'", id))
                .isEqualTo(1L);
        // our own resolution goes out once and is not read back as a new one
        assertThat(api.put("/api/tickets/" + id + "/resolution", Map.of("content", "PSU and fan replaced")).status())
                .isEqualTo(200);
        push(id);
        assertThat(bed.sdp.request(remoteId).path("resolution").path("content").asText())
                .isEqualTo("PSU and fan replaced");
        sync(id);
        assertThat(api.get("/api/tickets/" + id + "/resolution").json().get("content").asText())
                .isEqualTo("PSU and fan replaced");
        assertThat(bed.count("select count(*) from sync_ledger where ticket_id=? and item_type='resolution'", id))
                .isEqualTo(2L);
    }

    @Test
    void hubActivityCrossesToSdpOnceAndIsNotReadBack() {
        String id = bed.ticket(Map.of("subject", "Hub activity"));
        assertThat(api.post("/api/tickets/" + id + "/comments", Map.of("body", "from the hub")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/tickets/" + id + "/time-logs", Map.of("minutes", 20, "description", "hub work"))
                .status()).isEqualTo(201);
        byte[] file = "hub file\n".getBytes(StandardCharsets.UTF_8);
        assertThat(bed.postMultipart("/api/tickets/" + id + "/attachments", Map.of(), "hub.txt", "text/plain", file)
                .status()).isEqualTo(201);

        String remoteId = bed.push(id);
        push(id);
        assertThat(bed.sdp.notes(remoteId)).extracting(n -> n.get("description").asText())
                .containsExactly("from the hub");
        assertThat(bed.sdp.worklogs(remoteId)).hasSize(1);
        assertThat(bed.sdp.attachments(remoteId)).hasSize(1);

        sync(id);
        sync(id);
        assertThat(items(id, "comments")).hasSize(1);
        assertThat(items(id, "time-logs")).hasSize(1);
        assertThat(items(id, "attachments")).hasSize(1);
        assertThat(bed.count("select count(*) from sync_ledger where ticket_id=?", id)).isEqualTo(3L);
    }

    @Test
    void sdpActivityCrossesToTheHubOnceAndIsNotEchoed() {
        String id = bed.ticket(Map.of("subject", "SDP activity"));
        String remoteId = bed.push(id);
        bed.sdp.addNoteDirect(remoteId, "from the technician");
        bed.sdp.addWorklogDirect(remoteId, "on site", Duration.ofMinutes(75));
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        bed.sdp.addAttachmentDirect(remoteId, "photo.png", png);

        sync(id);
        assertThat(items(id, "comments")).singleElement().satisfies(c -> {
            assertThat(c.get("body").asText()).isEqualTo("from the technician");
            assertThat(c.get("origin").asText()).isEqualTo(bed.integrationId);
        });
        assertThat(items(id, "time-logs")).singleElement().satisfies(l ->
                assertThat(l.get("minutes").asInt()).isEqualTo(75));
        JsonNode att = items(id, "attachments");
        assertThat(att).hasSize(1);
        assertThat(api.get("/api/tickets/" + id + "/attachments/" + att.get(0).get("id").asText() + "/content").body())
                .isEqualTo(png);

        sync(id);
        push(id);
        assertThat(items(id, "comments")).hasSize(1);
        assertThat(items(id, "time-logs")).hasSize(1);
        assertThat(items(id, "attachments")).hasSize(1);
        assertThat(bed.sdp.notes(remoteId)).hasSize(1);
        assertThat(bed.sdp.worklogs(remoteId)).hasSize(1);
        assertThat(bed.sdp.attachments(remoteId)).hasSize(1);
    }

    @Test
    void aHubChangeToALinkedTicketPushesOnItsOwnWithOnlyThatField() {
        String id = bed.ticket(Map.of("subject", "Auto push", "priority", "low", "group", "Network Team"));
        String remoteId = bed.push(id);
        bed.sdp.clearRequests();

        assertThat(api.patch("/api/tickets/" + id, Map.of("priority", "urgent")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bed.sdp.request(remoteId).path("priority").path("name").asText()).isEqualTo("Urgent"));
        assertThat(bed.calls("PUT", "/requests/" + remoteId)).singleElement().satisfies(p ->
                assertThat(p.inputData()).isEqualTo(Json.read("{\"request\":{\"priority\":{\"name\":\"Urgent\"}}}")));

        assertThat(api.post("/api/tickets/" + id + "/comments", Map.of("body", "auto comment")).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bed.sdp.notes(remoteId)).hasSize(1));
    }

    @Test
    void anSdpChangeComesInOnSyncAndIsNotPushedBack() {
        String id = bed.ticket(Map.of("subject", "Changed in SDP", "priority", "low"));
        String remoteId = bed.push(id);
        bed.sdp.updateRequestDirect(remoteId, (ObjectNode) Json.read("{\"group\":{\"name\":\"Network Team\"},"
                + "\"urgency\":{\"name\":\"High\"}}"));
        bed.sdp.clearRequests();
        sync(id);
        JsonNode hub = bed.hubTicket(id);
        assertThat(hub.get("group").asText()).isEqualTo("Network Team");
        assertThat(hub.get("urgency").asText()).isEqualTo("high");
        push(id);
        assertThat(bed.calls("PUT", "/requests/" + remoteId)).isEmpty();
        // a later hub change still goes out alone
        assertThat(api.post(ALIAS + "/update", Map.of("ticket_id", id, "fields", Map.of("subject", "Changed twice")))
                .status()).isEqualTo(200);
        assertThat(bed.calls("PUT", "/requests/" + remoteId)).singleElement().satisfies(p ->
                assertThat(p.inputData()).isEqualTo(Json.read("{\"request\":{\"subject\":\"Changed twice\"}}")));
        assertThat(bed.sdp.request(remoteId).path("group").path("name").asText()).isEqualTo("Network Team");
    }

    @Test
    void withAutoSyncOffAHubChangeQueuesNoPush() {
        String id = bed.ticket(Map.of("subject", "Manual only"));
        String remoteId = bed.push(id);
        assertThat(api.post(ALIAS, Map.of("auto_sync", false)).status()).isEqualTo(200);
        try {
            long pushes = bed.count("select count(*) from jobs where ticket_id=? and kind='push'", id);
            assertThat(api.patch("/api/tickets/" + id, Map.of("subject", "Manual only v2")).status()).isEqualTo(200);
            assertThat(bed.count("select count(*) from jobs where ticket_id=? and kind='push'", id)).isEqualTo(pushes);
            assertThat(bed.sdp.request(remoteId).path("subject").asText()).isEqualTo("Manual only");
            push(id);
            assertThat(bed.sdp.request(remoteId).path("subject").asText()).isEqualTo("Manual only v2");
        } finally {
            assertThat(api.post(ALIAS, Map.of("auto_sync", true)).status()).isEqualTo(200);
        }
    }
}
