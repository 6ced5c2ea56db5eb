package io.ticketbridge.component.servicedeskplus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.sdp.RecordedRequest;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servicedeskplus component against the stateful simulator (on-prem): the exact method, path,
 * headers and input_data of every operation, and what SDP holds afterwards.
 */
class SdpConnectorTest {

    static SdpTestBed bed;
    static SdpCalls sdp;

    @BeforeAll
    static void boot() {
        bed = SdpTestBed.start();
        sdp = new SdpCalls(bed.rt.context(), bed.integrationId);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void clearJournal() {
        bed.sdp.clearRequests();
    }

    @Test
    void createPostsTheRequestAsFormEncodedInputDataWithTheAuthtokenAndV3Accept() {
        String out = sdp.ok("createRequest", "{\"subject\":\"VPN drops\",\"priority\":{\"name\":\"High\"}}", Map.of());

        RecordedRequest post = only("POST", "/requests");
        assertThat(post.header("authtoken")).isEqualTo(SdpTestBed.AUTHTOKEN);
        assertThat(post.header("Accept")).isEqualTo("application/vnd.manageengine.sdp.v3+json");
        assertThat(post.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(post.header("Authorization")).isNull();
        assertThat(post.bodyAsString()).startsWith("input_data=");
        assertThat(Json.read(URLDecoder.decode(post.bodyAsString().substring("input_data=".length()),
                StandardCharsets.UTF_8))).isEqualTo(Json.read(
                "{\"request\":{\"subject\":\"VPN drops\",\"priority\":{\"name\":\"High\"}}}"));
        String id = Json.read(out).get("id").asText();
        assertThat(sdp.lastHeaders.get(ServiceDeskPlusProducer.REQUEST_ID)).isEqualTo(id);
        assertThat(bed.sdp.request(id).path("priority").path("name").asText()).isEqualTo("High");
    }

    @Test
    void getReadsTheRequestWithoutInputData() {
        String id = create("Get me");
        bed.sdp.clearRequests();
        JsonNode got = Json.read(sdp.ok("getRequest", "{}", Map.of("SdpRequestId", id, "SdpFresh", true)));
        RecordedRequest get = only("GET", "/requests/" + id);
        assertThat(get.query()).isNull();
        assertThat(get.body()).isEmpty();
        assertThat(get.header("authtoken")).isEqualTo(SdpTestBed.AUTHTOKEN);
        assertThat(got.get("subject").asText()).isEqualTo("Get me");
    }

    @Test
    void updatePutsOnlyTheGivenFields() {
        String id = create("Update me");
        bed.sdp.clearRequests();
        sdp.ok("updateRequest", "{\"priority\":{\"name\":\"Low\"}}", Map.of("SdpRequestId", id));
        RecordedRequest put = only("PUT", "/requests/" + id);
        assertThat(put.inputData()).isEqualTo(Json.read("{\"request\":{\"priority\":{\"name\":\"Low\"}}}"));
        assertThat(bed.sdp.request(id).path("priority").path("name").asText()).isEqualTo("Low");
        assertThat(bed.sdp.request(id).path("subject").asText()).isEqualTo("Update me");
    }

    @Test
    void deleteOnPremMovesTheRequestToTrash() {
        String id = create("Trash me");
        bed.sdp.clearRequests();
        sdp.ok("deleteRequest", "{}", Map.of("SdpRequestId", id));
        assertThat(bed.journal()).containsExactly("DELETE /api/v3/requests/" + id + "/move_to_trash");
        assertThat(bed.sdp.isTrashed(id)).isTrue();
    }

    @Test
    void listFollowsListInfoPagingAcrossPagesWithTheSearchCriteria() {
        for (int n = 1; n <= 7; n++) {
            create("Paging-q7 " + n);
        }
        create("Something else");
        bed.sdp.clearRequests();
        String body = "{\"list_info\":{\"row_count\":3,\"search_criteria\":[{\"field\":\"subject\","
                + "\"condition\":\"contains\",\"value\":\"Paging-q7\"}]}}";
        JsonNode out = Json.read(sdp.ok("listRequests?maxRows=100", body, Map.of()));

        assertThat(out.get("requests")).hasSize(7);
        List<RecordedRequest> pages = bed.calls("GET", "/requests");
        assertThat(pages).hasSize(3);
        for (int p = 0; p < 3; p++) {
            JsonNode info = Json.read(pages.get(p).queryParam("input_data")).get("list_info");
            assertThat(info.get("start_index").asInt()).isEqualTo(1 + 3 * p);
            assertThat(info.get("row_count").asInt()).isEqualTo(3);
            assertThat(info.get("search_criteria").get(0).get("value").asText()).isEqualTo("Paging-q7");
        }
    }

    @Test
    void listWithoutMaxRowsReadsOnePage() {
        for (int n = 1; n <= 3; n++) {
            create("OnePage-k2 " + n);
        }
        bed.sdp.clearRequests();
        JsonNode out = Json.read(sdp.ok("listRequests", "{\"row_count\":2,\"search_criteria\":[{\"field\":"
                + "\"subject\",\"condition\":\"contains\",\"value\":\"OnePage-k2\"}]}", Map.of()));
        assertThat(out.get("requests")).hasSize(2);
        assertThat(out.get("list_info").get("has_more_rows").asBoolean()).isTrue();
        assertThat(bed.calls("GET", "/requests")).hasSize(1);
    }

    @Test
    void addNoteUsesTheOnPremNoteRoot() {
        String id = create("Noted");
        bed.sdp.clearRequests();
        JsonNode note = Json.read(sdp.ok("addNote", "{\"description\":\"Called the user\",\"show_to_requester\":true}",
                Map.of("SdpRequestId", id)));
        RecordedRequest post = only("POST", "/requests/" + id + "/notes");
        assertThat(post.inputData()).isEqualTo(Json.read(
                "{\"note\":{\"description\":\"Called the user\",\"show_to_requester\":true}}"));
        assertThat(note.get("id").asText()).isNotBlank();
        assertThat(bed.sdp.notes(id)).singleElement()
                .satisfies(n -> assertThat(n.get("description").asText()).isEqualTo("Called the user"));
    }

    @Test
    void addWorklogUsesTheWorklogRoot() {
        String id = create("Worked");
        bed.sdp.clearRequests();
        sdp.ok("addWorklog", "{\"description\":\"Replaced router\",\"time_spent\":{\"hours\":1,\"minutes\":30}}",
                Map.of("SdpRequestId", id));
        RecordedRequest post = only("POST", "/requests/" + id + "/worklogs");
        assertThat(post.inputData().get("worklog").get("description").asText()).isEqualTo("Replaced router");
        assertThat(bed.sdp.worklogs(id)).singleElement().satisfies(w -> {
            assertThat(w.get("time_spent").get("hours").asInt()).isEqualTo(1);
            assertThat(w.get("time_spent").get("minutes").asInt()).isEqualTo(30);
        });
    }

    @Test
    void uploadSendsOneMultipartInputFilePartWithTheBytesIntactThenListAndDownload() {
        String id = create("With file");
        byte[] content = new byte[1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i; // every byte value, including CR, LF and NUL
        }
        bed.sdp.clearRequests();
        sdp.ok("uploadAttachment", content, Map.of("SdpRequestId", id, "SdpFileName", "dump.bin",
                "SdpContentType", "application/octet-stream"));

        RecordedRequest put = only("PUT", "/requests/" + id + "/upload");
        assertThat(put.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(put.header("authtoken")).isEqualTo(SdpTestBed.AUTHTOKEN);
        assertThat(new String(put.body(), StandardCharsets.ISO_8859_1))
                .contains("Content-Disposition: form-data; name=\"input_file\"; filename=\"dump.bin\"");
        JsonNode stored = bed.sdp.attachments(id).get(0);
        assertThat(bed.sdp.attachmentContent(id, stored.get("id").asText())).isEqualTo(content);

        JsonNode listed = Json.read(sdp.ok("listAttachments", "{}", Map.of("SdpRequestId", id)));
        assertThat(listed.get("attachments")).singleElement()
                .satisfies(a -> assertThat(a.get("name").asText()).isEqualTo("dump.bin"));
        Object downloaded = sdp.raw("downloadAttachment", "{}", Map.of("SdpRequestId", id,
                "SdpItemId", stored.get("id").asText()));
        assertThat((byte[]) downloaded).isEqualTo(content);
        assertThat(bed.calls("GET", "/requests/" + id + "/attachments/" + stored.get("id").asText() + "/download"))
                .hasSize(1);
    }

    @Test
    void resolutionCloseAndLinks() {
        String a = create("Resolve me");
        String b = create("Related");
        bed.sdp.clearRequests();
        sdp.ok("setResolution", "{\"content\":\"Rebooted the switch\"}", Map.of("SdpRequestId", a));
        assertThat(only("POST", "/requests/" + a + "/resolutions").inputData())
                .isEqualTo(Json.read("{\"resolution\":{\"content\":\"Rebooted the switch\"}}"));
        assertThat(bed.sdp.request(a).path("resolution").path("content").asText()).isEqualTo("Rebooted the switch");

        sdp.ok("closeRequest", "{\"closure_info\":{\"closure_comments\":\"Fixed\"}}", Map.of("SdpRequestId", a));
        assertThat(only("PUT", "/requests/" + a + "/close").inputData().get("request").get("closure_info")
                .get("closure_comments").asText()).isEqualTo("Fixed");
        assertThat(bed.sdp.request(a).path("status").path("name").asText()).isEqualTo("Closed");

        sdp.ok("linkRequests", "{\"link_requests\":[{\"linked_request\":{\"id\":\"" + b + "\"},\"comments\":\"same\"}]}",
                Map.of("SdpRequestId", a));
        assertThat(only("POST", "/requests/" + a + "/link_requests").inputData().get("link_requests").get(0)
                .get("linked_request").get("id").asText()).isEqualTo(b);
        assertThat(bed.sdp.links(a)).singleElement()
                .satisfies(l -> assertThat(l.path("linked_request").path("id").asText()).isEqualTo(b));
        JsonNode listed = Json.read(sdp.ok("listLinks", "{}", Map.of("SdpRequestId", a)));
        assertThat(listed.get("link_requests")).hasSize(1);
    }

    @Test
    void secondReadWithinTheTtlIsServedFromTheCacheAndAWriteInvalidatesIt() {
        String id = create("Cached");
        bed.sdp.clearRequests();
        sdp.ok("getRequest", "{}", Map.of("SdpRequestId", id));
        sdp.ok("getRequest", "{}", Map.of("SdpRequestId", id));
        assertThat(bed.calls("GET", "/requests/" + id)).hasSize(1);

        sdp.ok("listNotes", "{}", Map.of("SdpRequestId", id));
        sdp.ok("listNotes", "{}", Map.of("SdpRequestId", id));
        assertThat(bed.calls("GET", "/requests/" + id + "/notes")).hasSize(1);

        sdp.ok("addNote", "{\"description\":\"new\"}", Map.of("SdpRequestId", id));
        JsonNode notes = Json.read(sdp.ok("listNotes", "{}", Map.of("SdpRequestId", id)));
        assertThat(notes.get("notes")).hasSize(1);
        assertThat(bed.calls("GET", "/requests/" + id + "/notes")).hasSize(2);

        sdp.ok("updateRequest", "{\"subject\":\"Cached v2\"}", Map.of("SdpRequestId", id));
        JsonNode got = Json.read(sdp.ok("getRequest", "{}", Map.of("SdpRequestId", id)));
        assertThat(got.get("subject").asText()).isEqualTo("Cached v2");
        assertThat(bed.calls("GET", "/requests/" + id)).hasSize(2);
    }

    private static String create(String subject) {
        return Json.read(sdp.ok("createRequest", "{\"subject\":\"" + subject + "\"}", Map.of())).get("id").asText();
    }

    private static RecordedRequest only(String method, String path) {
        List<RecordedRequest> matching = bed.calls(method, path);
        assertThat(matching).as(bed.journal().toString()).hasSize(1);
        return matching.get(0);
    }
}
