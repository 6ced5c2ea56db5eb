package io.ticketbridge.dataformat.servicedeskplus;

import static io.ticketbridge.dataformat.servicedeskplus.SdpRequestMapperTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.connector.DeskMapper;
import org.junit.jupiter.api.Test;

/** Notes, worklogs, attachments and list answers between SDP v3 and the generic sync. */
class SdpDeskMapperTest {

    static final SdpDeskMapper MAPPER = new SdpDeskMapper(SdpRequestMapperTest.MAPPER);

    @Test
    void aHubCommentBecomesANoteWithItsAuthorAndVisibility() {
        Comment c = new Comment("c1", "t1", "Called the user", "Ana", "ana@example.com", false, "hub", Instant.now());
        assertThat(MAPPER.commentToRemote(c)).isEqualTo(Json.read("{\"description\":\"[Ana] Called the user\","
                + "\"show_to_requester\":false,\"mark_first_response\":false,\"add_to_linked_requests\":false}"));
    }

    @Test
    void aTimeLogBecomesAWorklogWithHoursMinutesAndStartEnd() {
        TimeLog t = new TimeLog("l1", "t1", 95, "Replaced router", "Sam", Instant.ofEpochMilli(1717430400000L), "hub",
                Instant.now());
        assertThat(MAPPER.timeLogToRemote(t)).isEqualTo(Json.read("{\"description\":\"Replaced router\","
                + "\"time_spent\":{\"hours\":1,\"minutes\":35},\"start_time\":{\"value\":\"1717430400000\"},"
                + "\"end_time\":{\"value\":\"1717436100000\"}}"));
    }

    @Test
    void notesBecomeRemoteComments() {
        List<DeskMapper.RemoteComment> comments = MAPPER.comments(fixture("notes-list.json"));
        assertThat(comments).containsExactly(
                new DeskMapper.RemoteComment("501", "Called the user", "Sam Tech", "sam@example.com", true,
                        Instant.ofEpochMilli(1717430400000L)),
                new DeskMapper.RemoteComment("502", "Internal only", "Ana Ops", null, false, null));
    }

    @Test
    void worklogsBecomeRemoteTimeLogsOfAtLeastOneMinute() {
        assertThat(MAPPER.timeLogs(fixture("worklogs-list.json"))).containsExactly(
                new DeskMapper.RemoteTimeLog("601", 90, "Replaced router", "Sam Tech",
                        Instant.ofEpochMilli(1717430400000L)),
                new DeskMapper.RemoteTimeLog("602", 1, "Seconds only", null, null));
    }

    @Test
    void attachmentSizesAreReadAsNumberOrSdpSizeObject() {
        assertThat(MAPPER.attachments(Json.read("{\"attachments\":[{\"id\":\"1\",\"name\":\"a.txt\",\"size\":12},"
                + "{\"id\":\"2\",\"name\":\"b.png\",\"content_type\":\"image/png\",\"size\":{\"value\":\"34\","
                + "\"display_value\":\"34 bytes\"}}]}"))).containsExactly(
                new DeskMapper.RemoteAttachment("1", "a.txt", "application/octet-stream", 12),
                new DeskMapper.RemoteAttachment("2", "b.png", "image/png", 34));
    }

    @Test
    void theIdOfACreatedItemIsReadFromANoteOrAnUploadAnswer() {
        assertThat(MAPPER.createdItemId(Json.read("{\"id\":\"77\",\"description\":\"x\"}"))).isEqualTo("77");
        assertThat(MAPPER.createdItemId(Json.read("{\"attachments\":[{\"id\":\"88\"}],\"response_status\":{}}")))
                .isEqualTo("88");
        assertThat(MAPPER.createdItemId(Json.read("{\"response_status\":{}}"))).isNull();
    }

    @Test
    void theChangedSinceQuerySortsByLastUpdateAndFiltersAfterTheCursor() {
        assertThat(MAPPER.changedSinceQuery(Instant.ofEpochMilli(1717430400000L), 500)).isEqualTo(Json.read(
                "{\"row_count\":100,\"start_index\":1,\"sort_field\":\"last_updated_time\",\"sort_order\":\"asc\","
                        + "\"search_criteria\":[{\"field\":\"last_updated_time\",\"condition\":\"greater than\","
                        + "\"value\":\"1717430400000\"}]}"));
        assertThat(MAPPER.changedSinceQuery(null, 50).has("search_criteria")).isFalse();
    }

    @Test
    void theRequestNumberIsTheDisplayId() {
        assertThat(MAPPER.remoteNumber(fixture("sdp-request.json"))).isEqualTo("4711");
        assertThat(MAPPER.remoteId(fixture("sdp-request.json"))).isEqualTo("100000000000098765");
        assertThat(MAPPER.remoteUpdatedAt(fixture("sdp-request.json"))).isEqualTo(Instant.ofEpochMilli(1717434000000L));
    }
}
