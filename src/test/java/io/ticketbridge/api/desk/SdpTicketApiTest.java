package io.ticketbridge.api.desk;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.sdp.RecordedRequest;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.SdpTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's ticket operations end to end over real HTTP against the simulator: push, update (only
 * changed fields), sync, delete and list/search, on the alias and on /api/integrations/{id}.
 */
class SdpTicketApiTest {

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
    void pushCreatesTheSdpRequestWithEveryMappedFieldAndLinksIt() {
        String id = bed.ticket(Map.of("subject", "VPN drops", "description", "every 10 minutes", "priority", "high",
                "status", "new", "urgency", "low", "requester_email", "jane@example.com", "group", "Network Team"));
        ApiClient.Response r = api.post(ALIAS + "/push", Map.of("ticket_id", id, "space_id",
                bed.hubTicket(id).get("space_id").asText(), "syncComments", true, "syncAttachments", true,
                "syncTimeLogs", true));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("succeeded");
        assertThat(body.get("action").asText()).isEqualTo("created");
        assertThat(body.get("job_id").asText()).isNotBlank();
        String remoteId = body.get("remote_id").asText();
        assertThat(bed.calls("POST", "/requests")).singleElement().satisfies(post ->
                assertThat(post.inputData()).isEqualTo(Json.read("{\"request\":{\"subject\":\"VPN drops\","
                        + "\"description\":\"every 10 minutes\",\"status\":{\"name\":\"Open\"},\"priority\":"
                        + "{\"name\":\"High\"},\"urgency\":{\"name\":\"Low\"},\"group\":{\"name\":\"Network Team\"},"
                        + "\"requester\":{\"email_id\":\"jane@example.com\"}}}")));
        JsonNode sdp = bed.sdp.request(remoteId);
        assertThat(sdp.path("subject").asText()).isEqualTo("VPN drops");
        assertThat(body.get("remote_number").asText()).isEqualTo(sdp.path("display_id").asText());
        assertThat(links(id)).containsExactly(remoteId);
        // the hub keeps what it had: lossy new -> Open is not read back as a change
        assertThat(bed.hubTicket(id).get("status").asText()).isEqualTo("new");
    }

    @Test
    void aSecondPushWithNoChangeReadsButWritesNothing() {
        String id = bed.ticket(Map.of("subject", "Idempotent", "priority", "low"));
        String remoteId = bed.push(id);
        bed.sdp.clearRequests();
        ApiClient.Response again = api.post(ALIAS + "/push", Map.of("ticket_id", id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("action").asText()).isEqualTo("unchanged");
        assertThat(bed.journal()).containsExactly("GET /api/v3/requests/" + remoteId);
        assertThat(bed.sdp.requestCount()).isPositive();
        assertThat(links(id)).containsExactly(remoteId);
    }

    @Test
    void pushByIntegrationIdWorksLikeTheAlias() {
        String id = bed.ticket(Map.of("subject", "By id"));
        ApiClient.Response r = api.post("/api/integrations/" + bed.integrationId + "/push", Map.of("ticket_id", id));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(bed.sdp.request(r.json().get("remote_id").asText()).path("subject").asText()).isEqualTo("By id");
    }

    @Test
    void updateSendsOnlyTheChangedFields() {
        String id = bed.ticket(Map.of("subject", "Only deltas", "priority", "low", "group", "Network Team"));
        String remoteId = bed.push(id);
        bed.sdp.clearRequests();

        ApiClient.Response r = api.post(ALIAS + "/update", Map.of("ticket_id", id, "fields",
                Map.of("priority", "urgent", "subject", "Only deltas!")));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(bed.calls("PUT", "/requests/" + remoteId)).singleElement().satisfies(put ->
                assertThat(put.inputData()).isEqualTo(Json.read(
                        "{\"request\":{\"subject\":\"Only deltas!\",\"priority\":{\"name\":\"Urgent\"}}}")));
        JsonNode sdp = bed.sdp.request(remoteId);
        assertThat(sdp.path("priority").path("name").asText()).isEqualTo("Urgent");
        assertThat(sdp.path("group").path("name").asText()).isEqualTo("Network Team");
        assertThat(bed.hubTicket(id).get("priority").asText()).isEqualTo("urgent");
    }

    @Test
    void updateOfAnInvalidFieldValueIsRejectedAndChangesNothing() {
        String id = bed.ticket(Map.of("subject", "Bad update", "priority", "low"));
        bed.push(id);
        bed.sdp.clearRequests();
        SdpTestBed.assertValidation(api.post(ALIAS + "/update", Map.of("ticket_id", id, "fields",
                Map.of("priority", "whenever"))), "priority");
        assertThat(bed.hubTicket(id).get("priority").asText()).isEqualTo("low");
        assertThat(bed.calls("PUT", "/requests/.*")).isEmpty();
    }

    @Test
    void syncBringsSdpSideChangesIntoTheHub() {
        String id = bed.ticket(Map.of("subject", "Pull me", "priority", "low"));
        String remoteId = bed.push(id);
        bed.sdp.updateRequestDirect(remoteId, (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(
                "{\"subject\":\"Pulled subject\",\"priority\":{\"name\":\"High\"},\"status\":{\"name\":\"On Hold\"}}"));

        ApiClient.Response r = api.post(ALIAS + "/sync", Map.of("ticket_id", id));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("action").asText()).isEqualTo("pulled");
        assertThat(r.json().get("applied_from_remote")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("subject", "priority", "status");
        assertThat(r.json().get("pending_local_changes")).isEmpty();
        JsonNode hub = bed.hubTicket(id);
        assertThat(hub.get("subject").asText()).isEqualTo("Pulled subject");
        assertThat(hub.get("priority").asText()).isEqualTo("high");
        assertThat(hub.get("status").asText()).isEqualTo("pending");
        // what came from SDP is not pushed back (nor overwritten by a push the pull queued)
        assertThat(bed.count("select count(*) from jobs where ticket_id=? and status in ('pending','in_flight')", id))
                .isZero();
        assertThat(bed.calls("PUT", "/requests/" + remoteId)).isEmpty();
        assertThat(bed.sdp.request(remoteId).path("subject").asText()).isEqualTo("Pulled subject");
    }

    @Test
    void syncWithoutATicketImportsNewSdpRequestsOnce() {
        String remoteId = bed.sdp.createRequestDirect((com.fasterxml.jackson.databind.node.ObjectNode) Json.read(
                "{\"subject\":\"Raised in SDP\",\"priority\":{\"name\":\"Urgent\"}}"));
        ApiClient.Response r = api.post(ALIAS + "/sync", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> imported = bed.strings("select ticket_id from links where integration_id=? and remote_id=?",
                bed.integrationId, remoteId);
        assertThat(imported).hasSize(1);
        JsonNode hub = bed.hubTicket(imported.get(0));
        assertThat(hub.get("subject").asText()).isEqualTo("Raised in SDP");
        assertThat(hub.get("priority").asText()).isEqualTo("urgent");

        assertThat(api.post(ALIAS + "/sync", Map.of()).status()).isEqualTo(200);
        assertThat(bed.count("select count(*) from links where remote_id=?", remoteId)).isEqualTo(1L);
    }

    @Test
    void deleteTrashesTheSdpRequestAndUnlinksButKeepsTheHubTicket() {
        String id = bed.ticket(Map.of("subject", "Delete me"));
        String remoteId = bed.push(id);
        bed.sdp.clearRequests();
        ApiClient.Response r = api.post(ALIAS + "/delete", Map.of("ticket_id", id));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("action").asText()).isEqualTo("deleted");
        assertThat(bed.journal()).containsExactly("DELETE /api/v3/requests/" + remoteId + "/move_to_trash");
        assertThat(bed.sdp.isTrashed(remoteId)).isTrue();
        assertThat(links(id)).isEmpty();
        assertThat(bed.hubTicket(id).get("subject").asText()).isEqualTo("Delete me");
        SdpTestBed.assertError(api.post(ALIAS + "/delete", Map.of("ticket_id", id)), 409, "conflict");
    }

    @Test
    void listSearchesSdpWithListInfoAndMarksLinkedRequests() {
        String linked = bed.ticket(Map.of("subject", "Zebra printer one"));
        String linkedRemote = bed.push(linked);
        bed.sdp.createRequestDirect((com.fasterxml.jackson.databind.node.ObjectNode) Json.read(
                "{\"subject\":\"Zebra printer two\"}"));
        bed.sdp.createRequestDirect((com.fasterxml.jackson.databind.node.ObjectNode) Json.read(
                "{\"subject\":\"Zebra printer three\",\"status\":{\"name\":\"On Hold\"}}"));
        bed.sdp.clearRequests();

        ApiClient.Response r = api.get(ALIAS + "/list?search=Zebra&status=Open&page=1&page_size=1");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(body.get("has_more").asBoolean()).isTrue();
        assertThat(body.get("items")).hasSize(1);
        RecordedRequest get = bed.calls("GET", "/requests").get(0);
        JsonNode info = Json.read(get.queryParam("input_data")).get("list_info");
        assertThat(info.get("row_count").asInt()).isEqualTo(1);
        assertThat(info.get("start_index").asInt()).isEqualTo(1);
        assertThat(info.get("search_criteria").toString()).contains("\"subject\"", "\"contains\"", "\"Zebra\"",
                "\"status.name\"", "\"Open\"");

        ApiClient.Response page2 = api.get(ALIAS + "/list?search=Zebra&status=Open&page=2&page_size=1");
        List<JsonNode> both = List.of(body.get("items").get(0), page2.json().get("items").get(0));
        assertThat(both).extracting(i -> i.get("fields").get("subject").asText())
                .containsExactlyInAnyOrder("Zebra printer one", "Zebra printer two");
        assertThat(both).filteredOn(i -> i.get("remote_id").asText().equals(linkedRemote))
                .singleElement().satisfies(i -> assertThat(i.get("linked_ticket_id").asText()).isEqualTo(linked));
        assertThat(page2.json().get("has_more").asBoolean()).isFalse();
    }

    static List<String> links(String ticketId) {
        return bed.links(ticketId);
    }
}
