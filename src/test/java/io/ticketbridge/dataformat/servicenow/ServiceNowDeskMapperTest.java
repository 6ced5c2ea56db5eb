package io.ticketbridge.dataformat.servicenow;

import static io.ticketbridge.dataformat.servicenow.Fixtures.DESK;
import static io.ticketbridge.dataformat.servicenow.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.connector.DeskMapper;
import org.junit.jupiter.api.Test;

/** The sync's view of ServiceNow: ids, timestamps, list queries, journals, attachments, time worked. */
class ServiceNowDeskMapperTest {

    @Test
    void idNumberAndUpdateTimeComeFromValuesNotDisplayValues() {
        var answer = json("incident-display-all.json");
        assertThat(DESK.remoteId(answer)).isEqualTo("9d385017c611228701d22104cc95c371");
        assertThat(DESK.remoteNumber(answer)).isEqualTo("INC0010002");
        // the display value is the API user's zone (12:05:09 at +02:00); the value is UTC
        assertThat(DESK.remoteUpdatedAt(answer)).isEqualTo(Instant.parse("2024-06-03T10:05:09Z"));
        assertThat(DESK.remoteUpdatedAt(json("incident-plain.json"))).isEqualTo(Instant.parse("2024-06-03T10:05:09Z"));
    }

    @Test
    void timestampsAreUtcAndAnUnreadableOneIsNull() {
        assertThat(ServiceNowValues.time(Instant.parse("2024-01-05T23:59:59.900Z"))).isEqualTo("2024-01-05 23:59:59");
        assertThat(ServiceNowValues.parseTime("2024-01-05 23:59:59")).isEqualTo(Instant.parse("2024-01-05T23:59:59Z"));
        assertThat(DESK.remoteUpdatedAt(Json.read("{\"sys_updated_on\":\"05/01/2024 11:59:59 PM\"}"))).isNull();
        assertThat(DESK.remoteUpdatedAt(Json.read("{\"sys_updated_on\":\"\"}"))).isNull();
    }

    @Test
    void changedSinceQueryIsInclusiveOrderedByUpdateTimeThenSysId() {
        assertThat(DESK.changedSinceQuery(Instant.parse("2024-06-03T10:05:09.750Z"), 100)).isEqualTo(Json.read(
                "{\"sysparm_query\":\"sys_updated_on>=2024-06-03 10:05:09^ORDERBYsys_updated_on^ORDERBYsys_id\","
                        + "\"sysparm_limit\":100}"));
        assertThat(DESK.changedSinceQuery(null, 5000)).isEqualTo(Json.read(
                "{\"sysparm_query\":\"ORDERBYsys_updated_on^ORDERBYsys_id\",\"sysparm_limit\":1000}"));
    }

    @Test
    void createdSinceQueryFindsARecordWithThisSubjectCreatedSinceTheJob() {
        Instant since = Instant.parse("2024-06-03T09:58:00Z");
        assertThat(DESK.createdSinceQuery(Map.of("subject", "Printer on fire", "ticket_type", "incident"), since))
                .isEqualTo(Json.read("{\"table\":\"incident\",\"sysparm_query\":\"short_description=Printer on fire"
                        + "^sys_created_on>=2024-06-03 09:58:00^ORDERBYsys_created_on^ORDERBYsys_id\","
                        + "\"sysparm_fields\":\"" + ServiceNowDeskMapper.ADOPTION_FIELDS + "\",\"sysparm_limit\":10}"));
        assertThat(DESK.createdSinceQuery(Map.of("subject", "x"), since).has("table")).isFalse();
        assertThat(DESK.createdSinceQuery(Map.of("subject", "x", "ticket_type", "change"), since).path("table")
                .asText()).isEqualTo("change_request");
    }

    @Test
    void aSubjectWithACaretIsMatchedByItsPrefixBecauseEncodedQueriesCannotEscapeIt() {
        String q = DESK.createdSinceQuery(Map.of("subject", "Disk ^C full\nnow"), Instant.EPOCH).path("sysparm_query")
                .asText();
        assertThat(q).startsWith("short_descriptionSTARTSWITHDisk ^sys_created_on>=1970-01-01 00:00:00^");
    }

    @Test
    void listItemsAreTheResultArray() {
        var list = Json.read("{\"result\":[{\"sys_id\":\"a\"},{\"sys_id\":\"b\"}]}");
        assertThat(DESK.listItems(list)).extracting(DESK::remoteId).containsExactly("a", "b");
        assertThat(DESK.listItems(Json.read("{\"result\":[]}"))).isEmpty();
    }

    @Test
    void publicCommentsAreAdditionalCommentsAndPrivateOnesWorkNotes() {
        Comment pub = new Comment("c1", "t1", "Please reboot", "Sam", null, true, "hub", Instant.EPOCH);
        Comment priv = new Comment("c2", "t1", "Checked the logs", null, null, false, "hub", Instant.EPOCH);
        assertThat(DESK.commentToRemote(pub)).isEqualTo(Json.read("{\"comments\":\"[Sam] Please reboot\"}"));
        assertThat(DESK.commentToRemote(priv)).isEqualTo(Json.read("{\"work_notes\":\"Checked the logs\"}"));
    }

    @Test
    void journalRowsBecomeCommentsByTheirOwnSysIdSkippingEmptyEntries() {
        List<DeskMapper.RemoteComment> out = DESK.comments(json("journal-list.json"));
        assertThat(out).containsExactly(
                new DeskMapper.RemoteComment("a1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4", "It is still smoking", "abel.tuter",
                        null, true, Instant.parse("2024-06-03T10:00:00Z")),
                new DeskMapper.RemoteComment("b1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4", "Called facilities", "beth.anglin",
                        null, false, Instant.parse("2024-06-03T10:05:00Z")),
                new DeskMapper.RemoteComment("d1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4", "Fixed?", "abel.tuter", null, true,
                        Instant.parse("2024-06-03T10:07:00Z")));
    }

    @Test
    void theJournalRowAddCommentAnswersIsTheLedgersId() {
        var answer = Json.read("{\"result\":{\"sys_id\":\"a1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4\",\"element\":\"comments\"}}");
        assertThat(DESK.createdItemId(answer)).isEqualTo("a1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4");
        assertThat(DESK.createdItemId(Json.read("{\"result\":{\"element\":\"comments\",\"value\":\"x\"}}"))).isNull();
    }

    @Test
    void attachmentsCarryNameTypeAndSizeWithDefaultsForEmptyValues() {
        assertThat(DESK.attachments(json("attachments-list.json"))).containsExactly(
                new DeskMapper.RemoteAttachment("6ea10fe64f411200adf9f8e18110c739", "screenshot.png", "image/png", 36597),
                new DeskMapper.RemoteAttachment("7ea10fe64f411200adf9f8e18110c739", "log.txt", "application/octet-stream",
                        0));
        var uploaded = Json.read("{\"result\":{\"sys_id\":\"6ea10fe64f411200adf9f8e18110c739\",\"file_name\":\"a.png\"}}");
        assertThat(DESK.createdItemId(uploaded)).isEqualTo("6ea10fe64f411200adf9f8e18110c739");
    }

    @Test
    void timeWorkedIsADurationWrittenAsADateTimeFromTheEpoch() {
        TimeLog t = new TimeLog("l1", "t1", 90, "Replaced toner", "Sam", Instant.EPOCH, "hub", Instant.EPOCH);
        assertThat(DESK.timeLogToRemote(t)).isEqualTo(Json.read(
                "{\"time_worked\":\"1970-01-01 01:30:00\",\"comments\":\"Replaced toner\"}"));
        TimeLog day = new TimeLog("l2", "t1", 1500, null, null, null, "hub", Instant.EPOCH);
        assertThat(DESK.timeLogToRemote(day).path("time_worked").asText()).isEqualTo("1970-01-02 01:00:00");
    }

    @Test
    void timeWorkedRowsBecomeTimeLogsInMinutes() {
        assertThat(DESK.timeLogs(json("time-worked-list.json"))).containsExactly(
                new DeskMapper.RemoteTimeLog("e1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4", 90, "Replaced toner", "Beth Anglin",
                        Instant.parse("2024-06-03T10:10:00Z")),
                new DeskMapper.RemoteTimeLog("f1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4", 1500, null, "svc_integration",
                        Instant.parse("2024-06-04T08:00:00Z")));
    }

    @Test
    void aLinkMakesTheOtherRecordTheParent() {
        assertThat(DESK.parentLink("incident", "b1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4"))
                .isEqualTo(Json.read("{\"parent_incident\":\"b1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4\"}"));
        assertThat(DESK.parentLink("change_request", "b1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4").has("parent")).isTrue();
    }
}
