package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Comments, attachments (multipart and base64 JSON), time logs, resolution and request links end
 * to end: the hub stores the item, SDP receives it exactly once, the GET endpoints show SDP's side
 * with the hub id of each item, and the push flags decide what crosses.
 */
class SdpActivityApiTest {

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

    @BeforeEach
    void clear() {
        bed.sdp.clearRequests();
    }

    @Test
    void aCommentReachesSdpOnceAsANoteAndIsListedWithItsHubId() {
        String id = bed.ticket(Map.of("subject", "Commented"));
        String remoteId = bed.push(id);

        ApiClient.Response r = api.post(ALIAS + "/comments", Map.of("ticket_id", id, "comment", "Called the user",
                "author", "Ana", "public", false));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String commentId = r.json().get("comment").get("id").asText();
        assertThat(r.json().get("sync").get("success").asBoolean()).isTrue();
        assertThat(bed.sdp.notes(remoteId)).singleElement().satisfies(n -> {
            assertThat(n.get("description").asText()).isEqualTo("[Ana] Called the user");
            assertThat(n.get("show_to_requester").asBoolean()).isFalse();
        });
        assertThat(bed.calls("POST", "/requests/" + remoteId + "/notes").get(0).inputData().has("note")).isTrue();
        assertThat(api.post(ALIAS + "/push", Map.of("ticket_id", id)).status()).isEqualTo(200);
        assertThat(bed.sdp.notes(remoteId)).hasSize(1);

        ApiClient.Response list = api.get(ALIAS + "/comments?ticket_id=" + id);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("remote_id").asText()).isEqualTo(remoteId);
        assertThat(list.json().get("items")).singleElement().satisfies(i -> {
            assertThat(i.get("body").asText()).isEqualTo("[Ana] Called the user");
            assertThat(i.get("hub_id").asText()).isEqualTo(commentId);
        });
    }

    @Test
    void aMultipartUploadWithATicketIdFieldReachesSdpWithItsBytesIntact() {
        String id = bed.ticket(Map.of("subject", "With a file"));
        String remoteId = bed.push(id);
        byte[] png = new byte[3000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31);
        }
        ApiClient.Response r = bed.postMultipart(ALIAS + "/attachments", Map.of("ticket_id", id), "screen.png",
                "image/png", png);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String hubId = r.json().get("attachment").get("id").asText();
        JsonNode stored = bed.sdp.attachments(remoteId).get(0);
        assertThat(bed.sdp.attachments(remoteId)).hasSize(1);
        assertThat(stored.get("name").asText()).isEqualTo("screen.png");
        assertThat(bed.sdp.attachmentContent(remoteId, stored.get("id").asText())).isEqualTo(png);
        ApiClient.Response hubCopy = api.get("/api/tickets/" + id + "/attachments/" + hubId + "/content");
        assertThat(hubCopy.body()).isEqualTo(png);

        ApiClient.Response list = api.get(ALIAS + "/attachments?ticket_id=" + id);
        assertThat(list.json().get("items")).singleElement().satisfies(i -> {
            assertThat(i.get("name").asText()).isEqualTo("screen.png");
            assertThat(i.get("hub_id").asText()).isEqualTo(hubId);
        });
    }

    @Test
    void aBase64JsonUploadReachesSdpAndBadInputIsRefused() {
        String id = bed.ticket(Map.of("subject", "JSON file"));
        String remoteId = bed.push(id);
        byte[] text = "line one\r\nline two\u0000".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ApiClient.Response r = api.post(ALIAS + "/attachments", Map.of("ticket_id", id, "filename", "notes.txt",
                "content_type", "text/plain", "content_base64", Base64.getEncoder().encodeToString(text)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode stored = bed.sdp.attachments(remoteId).get(0);
        assertThat(bed.sdp.attachmentContent(remoteId, stored.get("id").asText())).isEqualTo(text);

        SdpTestBed.assertValidation(api.post(ALIAS + "/attachments", Map.of("ticket_id", id, "filename", "x.txt",
                "content_base64", "***not base64***")), "base64");
        SdpTestBed.assertValidation(api.post(ALIAS + "/attachments", Map.of("ticket_id", id, "filename", "../x.txt",
                "content_base64", "aGVsbG8=")), "path separators");
        SdpTestBed.assertValidation(api.post(ALIAS + "/attachments", Map.of("ticket_id", id, "filename", "x.txt")),
                "content_base64");
        assertThat(bed.sdp.attachments(remoteId)).hasSize(1);
    }

    @Test
    void aTimeLogBecomesOneWorklogAndIsListed() {
        String id = bed.ticket(Map.of("subject", "Timed"));
        String remoteId = bed.push(id);
        ApiClient.Response r = api.post(ALIAS + "/time-logs", Map.of("ticket_id", id, "hours", 1, "minutes", 30,
                "description", "Replaced router", "author", "Sam"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("time_log").get("minutes").asInt()).isEqualTo(90);
        assertThat(bed.sdp.worklogs(remoteId)).singleElement().satisfies(w -> {
            assertThat(w.get("description").asText()).isEqualTo("Replaced router");
            assertThat(w.get("time_spent").get("hours").asInt()).isEqualTo(1);
            assertThat(w.get("time_spent").get("minutes").asInt()).isEqualTo(30);
        });
        ApiClient.Response list = api.get(ALIAS + "/time-logs?ticket_id=" + id);
        assertThat(list.json().get("items")).singleElement().satisfies(i -> {
            assertThat(i.get("minutes").asInt()).isEqualTo(90);
            assertThat(i.get("hub_id").asText()).isEqualTo(r.json().get("time_log").get("id").asText());
        });
        SdpTestBed.assertValidation(api.post(ALIAS + "/time-logs", Map.of("ticket_id", id, "minutes", 0)), "minutes");
        assertThat(bed.sdp.worklogs(remoteId)).hasSize(1);
    }

    @Test
    void aResolutionIsSetInSdpAndTheTicketResolvedOnBothSides() {
        String id = bed.ticket(Map.of("subject", "Resolved"));
        String remoteId = bed.push(id);
        ApiClient.Response r = api.post(ALIAS + "/resolution", Map.of("ticket_id", id, "resolution",
                "Replaced the faulty router", "close", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode sdp = bed.sdp.request(remoteId);
        assertThat(sdp.path("resolution").path("content").asText()).isEqualTo("Replaced the faulty router");
        assertThat(sdp.path("status").path("name").asText()).isEqualTo("Resolved");
        assertThat(bed.hubTicket(id).get("status").asText()).isEqualTo("resolved");
        assertThat(bed.calls("POST", "/requests/" + remoteId + "/resolutions")).hasSize(1);
        assertThat(api.post(ALIAS + "/push", Map.of("ticket_id", id)).status()).isEqualTo(200);
        assertThat(bed.calls("POST", "/requests/" + remoteId + "/resolutions")).hasSize(1);
    }

    @Test
    void linkJoinsTheTwoSdpRequests() {
        String a = bed.ticket(Map.of("subject", "Outage A"));
        String b = bed.ticket(Map.of("subject", "Outage B"));
        String ra = bed.push(a);
        String rb = bed.push(b);
        ApiClient.Response r = api.post(ALIAS + "/link", Map.of("ticket_id", a, "linked_ticket_id", b,
                "comments", "same outage"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("action").asText()).isEqualTo("linked");
        assertThat(bed.calls("POST", "/requests/" + ra + "/link_requests")).singleElement().satisfies(p ->
                assertThat(p.inputData().get("link_requests").get(0).get("linked_request").get("id").asText())
                        .isEqualTo(rb));
        assertThat(bed.sdp.links(ra)).singleElement().satisfies(l -> {
            assertThat(l.path("linked_request").path("id").asText()).isEqualTo(rb);
            assertThat(l.path("comments").asText()).isEqualTo("same outage");
        });

        String c = bed.ticket(Map.of("subject", "Not pushed"));
        SdpTestBed.assertError(api.post(ALIAS + "/link", Map.of("ticket_id", a, "linked_ticket_id", c)), 409,
                "conflict");
        SdpTestBed.assertValidation(api.post(ALIAS + "/link", Map.of("ticket_id", a, "linked_ticket_id", b,
                "linked_remote_id", rb)), "exactly one");
        assertThat(bed.sdp.links(ra)).hasSize(1);
    }

    @Test
    void thePushFlagsDecideWhichActivityCrosses() {
        String id = bed.ticket(Map.of("subject", "Flags"));
        assertThat(api.post("/api/tickets/" + id + "/comments", Map.of("body", "hub note")).status()).isEqualTo(201);
        assertThat(api.post("/api/tickets/" + id + "/time-logs", Map.of("minutes", 15, "description", "triage"))
                .status()).isEqualTo(201);
        assertThat(bed.postMultipart("/api/tickets/" + id + "/attachments", Map.of(), "log.txt", "text/plain",
                "raw bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(201);
        ApiClient.Response first = api.post(ALIAS + "/push", Map.of("ticket_id", id, "syncComments", false,
                "syncAttachments", false, "syncTimeLogs", false));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String remoteId = first.json().get("remote_id").asText();
        assertThat(bed.sdp.notes(remoteId)).isEmpty();
        assertThat(bed.sdp.worklogs(remoteId)).isEmpty();
        assertThat(bed.sdp.attachments(remoteId)).isEmpty();

        ApiClient.Response second = api.post(ALIAS + "/push", Map.of("ticket_id", id, "syncComments", true,
                "syncTimeLogs", true, "syncAttachments", false));
        assertThat(second.status()).isEqualTo(200);
        assertThat(bed.sdp.notes(remoteId)).extracting(n -> n.get("description").asText()).containsExactly("hub note");
        assertThat(bed.sdp.worklogs(remoteId)).hasSize(1);
        assertThat(bed.sdp.attachments(remoteId)).isEmpty();
    }

    @Test
    void activityOnAnUnlinkedTicketIs409AndWritesNothing() {
        String id = bed.ticket(Map.of("subject", "Never pushed"));
        for (String path : List.of("/comments", "/time-logs", "/resolution")) {
            Map<String, Object> body = switch (path) {
                case "/comments" -> Map.of("ticket_id", id, "comment", "x");
                case "/time-logs" -> Map.of("ticket_id", id, "minutes", 5);
                default -> Map.of("ticket_id", id, "resolution", "done");
            };
            SdpTestBed.assertError(api.post(ALIAS + path, body), 409, "conflict");
        }
        SdpTestBed.assertError(api.get(ALIAS + "/comments?ticket_id=" + id), 409, "conflict");
        assertThat(api.get("/api/tickets/" + id + "/comments").json().get("items")).isEmpty();
        assertThat(bed.hubTicket(id).get("status").asText()).isEqualTo("new");
        assertThat(bed.journal()).isEmpty();
    }
}
