package io.ticketbridge.sync;

import static io.ticketbridge.testing.SdpTestBed.ALIAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A field changed in the hub and in SDP since the last sync is recorded as a conflict (base, local,
 * remote) and neither side is overwritten; each resolution (local, remote, manual) then leaves both
 * sides with the chosen value.
 */
class SdpConflictTest {

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

    /** A linked ticket whose priority was changed on both sides: low → hub high, SDP Urgent. */
    private static String[] conflicted(String subject) {
        String id = bed.ticket(Map.of("subject", subject, "priority", "low"));
        String remoteId = bed.push(id);
        bed.sdp.updateRequestDirect(remoteId, (ObjectNode) Json.read("{\"priority\":{\"name\":\"Urgent\"}}"));
        ApiClient.Response patch = api.patch("/api/tickets/" + id, Map.of("priority", "high"));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
        ApiClient.Response sync = api.post(ALIAS + "/sync", Map.of("ticket_id", id));
        assertThat(sync.status()).as(sync.toString()).isEqualTo(200);
        return new String[] {id, remoteId};
    }

    private static JsonNode openConflict(String ticketId) {
        JsonNode items = api.get(ALIAS + "/conflict-resolution?ticket_id=" + ticketId).json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String sdpPriority(String remoteId) {
        return bed.sdp.request(remoteId).path("priority").path("name").asText();
    }

    @Test
    void aFieldChangedOnBothSidesIsRecordedAndNeitherSideIsOverwritten() {
        String[] t = conflicted("Both sides");
        JsonNode c = openConflict(t[0]);
        assertThat(c.get("field").asText()).isEqualTo("priority");
        assertThat(c.get("base_value").asText()).isEqualTo("low");
        assertThat(c.get("local_value").asText()).isEqualTo("high");
        assertThat(c.get("remote_value").asText()).isEqualTo("urgent");
        assertThat(c.get("status").asText()).isEqualTo("open");
        assertThat(bed.hubTicket(t[0]).get("priority").asText()).isEqualTo("high");
        assertThat(sdpPriority(t[1])).isEqualTo("Urgent");

        // more syncs and pushes keep both sides and the one open conflict
        assertThat(api.post(ALIAS + "/push", Map.of("ticket_id", t[0])).status()).isEqualTo(200);
        assertThat(api.post(ALIAS + "/sync", Map.of("ticket_id", t[0])).status()).isEqualTo(200);
        assertThat(openConflict(t[0]).get("id").asText()).isEqualTo(c.get("id").asText());
        assertThat(bed.hubTicket(t[0]).get("priority").asText()).isEqualTo("high");
        assertThat(sdpPriority(t[1])).isEqualTo("Urgent");
        assertThat(bed.calls("PUT", "/requests/" + t[1])).allSatisfy(p ->
                assertThat(p.inputData().get("request").has("priority")).isFalse());
    }

    @Test
    void resolvingWithLocalSendsTheHubValueToSdp() {
        String[] t = conflicted("Keep local");
        JsonNode c = openConflict(t[0]);
        ApiClient.Response r = api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id", c.get("id").asText(),
                "resolution", "local"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("resolved").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sdpPriority(t[1])).isEqualTo("High"));
        assertThat(bed.hubTicket(t[0]).get("priority").asText()).isEqualTo("high");
        assertResolved(t[0], "local");
        assertStable(t);
    }

    @Test
    void resolvingWithRemoteTakesSdpsValueIntoTheHub() {
        String[] t = conflicted("Take remote");
        JsonNode c = openConflict(t[0]);
        bed.sdp.clearRequests();
        ApiClient.Response r = api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id", c.get("id").asText(),
                "resolution", "remote"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(bed.hubTicket(t[0]).get("priority").asText()).isEqualTo("urgent");
        assertThat(sdpPriority(t[1])).isEqualTo("Urgent");
        assertThat(bed.calls("PUT", "/requests/" + t[1])).isEmpty();
        assertResolved(t[0], "remote");
        assertStable(t);
    }

    @Test
    void resolvingWithAManualValueGivesBothSidesThatValue() {
        String[] t = conflicted("Manual value");
        JsonNode c = openConflict(t[0]);
        SdpTestBed.assertValidation(api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id",
                c.get("id").asText(), "resolution", "manual", "value", "whenever")), "priority");
        SdpTestBed.assertValidation(api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id",
                c.get("id").asText(), "resolution", "manual")), "'value'");
        assertThat(openConflict(t[0]).get("status").asText()).isEqualTo("open");

        ApiClient.Response r = api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id", c.get("id").asText(),
                "resolution", "manual", "value", "medium"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sdpPriority(t[1])).isEqualTo("Medium"));
        assertThat(bed.hubTicket(t[0]).get("priority").asText()).isEqualTo("medium");
        assertResolved(t[0], "manual");
        assertStable(t);

        SdpTestBed.assertError(api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id", c.get("id").asText(),
                "resolution", "local")), 409, "conflict");
    }

    @Test
    void badResolutionsAreRefused() {
        SdpTestBed.assertError(api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id",
                "00000000-0000-4000-8000-000000000000", "resolution", "local")), 404, "not_found");
        SdpTestBed.assertValidation(api.post(ALIAS + "/conflict-resolution", Map.of("conflict_id",
                "00000000-0000-4000-8000-000000000000", "resolution", "coin-toss")), "resolution");
        SdpTestBed.assertValidation(api.post(ALIAS + "/conflict-resolution", Map.of("resolution", "local")),
                "conflict_id");
        SdpTestBed.assertValidation(api.get(ALIAS + "/conflict-resolution?status=maybe"), "status");
    }

    private static void assertResolved(String ticketId, String resolution) {
        assertThat(api.get(ALIAS + "/conflict-resolution?ticket_id=" + ticketId).json().get("items")).isEmpty();
        JsonNode resolved = api.get(ALIAS + "/conflict-resolution?status=resolved&ticket_id=" + ticketId).json()
                .get("items");
        assertThat(resolved).singleElement().satisfies(x ->
                assertThat(x.get("resolution").asText()).isEqualTo(resolution));
    }

    /** After a resolution another sync and push change nothing and raise no new conflict. */
    private static void assertStable(String[] t) {
        String hub = bed.hubTicket(t[0]).get("priority").asText();
        String sdp = sdpPriority(t[1]);
        assertThat(api.post(ALIAS + "/sync", Map.of("ticket_id", t[0])).status()).isEqualTo(200);
        assertThat(api.post(ALIAS + "/push", Map.of("ticket_id", t[0])).status()).isEqualTo(200);
        assertThat(bed.hubTicket(t[0]).get("priority").asText()).isEqualTo(hub);
        assertThat(sdpPriority(t[1])).isEqualTo(sdp);
        assertThat(api.get(ALIAS + "/conflict-resolution?ticket_id=" + t[0]).json().get("items")).isEmpty();
    }
}
