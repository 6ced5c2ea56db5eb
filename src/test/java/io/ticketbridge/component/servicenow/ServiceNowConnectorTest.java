package io.ticketbridge.component.servicenow;

import io.ticketbridge.connector.ConnectorHeaders;

import static io.ticketbridge.component.servicenow.SnTestBed.INC;
import static io.ticketbridge.component.servicenow.SnTestBed.INC2;
import static io.ticketbridge.component.servicenow.SnTestBed.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each servicenow-table record operation against the strict stub: exact method, path, query,
 * Authorization, Accept / Content-Type and body, and the answer the producer gives.
 */
class ServiceNowConnectorTest {

    static final String RECORD = "{\"result\":{\"sys_id\":\"" + INC + "\",\"number\":\"INC0010002\"}}";
    final SnTestBed bed = new SnTestBed();
    final SnStub stub = bed.stub;

    @AfterEach
    void verifyAndClose() {
        try {
            stub.verify();
        } finally {
            bed.close();
        }
    }

    @Test
    void testReadsOneSysIdWithBasicAuthAndTheJsonAcceptHeader() {
        stub.expect("GET", "/api/now/table/incident", 200, "{\"result\":[]}");
        assertThat(Json.read(bed.ok("test", "{}", Map.of()))).isEqualTo(Json.read("{\"ok\":true,\"table\":\"incident\"}"));
        SnStub.Request r = stub.request(0);
        assertThat(r.rawQuery()).isEqualTo("sysparm_fields=sys_id&sysparm_limit=1");
        assertThat(r.header("Authorization")).isEqualTo(SnTestBed.basicHeader());
        assertThat(r.header("Accept")).isEqualTo("application/json");
        assertThat(r.header("Content-Type")).isNull();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void getTicketAsksForDisplayValuesAndAnswersServiceNowsEnvelope() {
        stub.expect("GET", "/api/now/table/incident/" + INC, 200, RECORD);
        assertThat(Json.read(bed.ok("getTicket", null, record(INC)))).isEqualTo(Json.read(RECORD));
        assertThat(stub.request(0).rawQuery()).isEqualTo("sysparm_display_value=all");
    }

    @Test
    void createTicketPostsTheRecordAndSetsTheRemoteIdHeader() {
        stub.expect("POST", "/api/now/table/incident", 201, Map.of("Location",
                stub.baseUrl() + "/api/now/table/incident/" + INC), RECORD);
        Exchange e = bed.send("createTicket", "sn-basic", "{\"short_description\":\"Printer on fire\",\"urgency\":\"1\"}",
                Map.of());
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(ConnectorHeaders.REMOTE_ID)).isEqualTo(INC);
        SnStub.Request r = stub.request(0);
        assertThat(r.rawQuery()).isEqualTo("sysparm_display_value=all");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Accept")).isEqualTo("application/json");
        assertThat(Json.read(r.text())).isEqualTo(Json.read("{\"short_description\":\"Printer on fire\",\"urgency\":\"1\"}"));
    }

    @Test
    void updateTicketPatchesOnlyTheGivenFields() {
        stub.expect("PATCH", "/api/now/table/incident/" + INC, 200, RECORD);
        bed.ok("updateTicket", "{\"urgency\":\"3\"}", record(INC));
        assertThat(Json.read(stub.request(0).text())).isEqualTo(Json.read("{\"urgency\":\"3\"}"));
        assertThat(stub.request(0).rawQuery()).isEqualTo("sysparm_display_value=all");
    }

    @Test
    void theTableHeaderSendsTheOperationToChangeRequests() {
        stub.expect("PATCH", "/api/now/table/change_request/" + INC, 200, RECORD);
        bed.ok("updateTicket", "{\"on_hold\":\"true\"}", Map.of(ConnectorHeaders.REMOTE_ID, INC,
                ServiceNowOperations.TABLE, "change_request"));
    }

    @Test
    void theIntegrationsConfiguredTableIsTheDefaultAndTheEndpointOptionTheLastResort() {
        bed.basic("sn-change", Map.of("table", "change_request"));
        stub.expect("GET", "/api/now/table/change_request/" + INC, 200, RECORD);
        bed.ok("getTicket", "sn-change", null, record(INC));
        stub.expect("GET", "/api/now/table/change_request/" + INC, 200, RECORD);
        bed.ok("getTicket?table=change_request&displayValue=false", "sn-basic", null, record(INC));
        assertThat(stub.request(1).rawQuery()).isEqualTo("sysparm_display_value=false");
    }

    @Test
    void aTableOutsideTheClosedSetOrABadSysIdIsRefusedBeforeAnyRequest() {
        assertThat(bed.failure("getTicket", null, Map.of(ConnectorHeaders.REMOTE_ID, INC,
                ServiceNowOperations.TABLE, "sys_user"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incident");
        assertThat(bed.failure("getTicket", null, record("../sys_user/x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sys_id");
        assertThat(bed.failure("getTicket", null, Map.of())).hasMessageContaining("TicketBridgeRemoteId");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void endpointOptionsAreValidatedWhenTheEndpointIsCreated() {
        assertThatThrownBy(() -> bed.context.getEndpoint("servicenow-table:getTicket?table=problem"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("table must be one of");
        assertThatThrownBy(() -> bed.context.getEndpoint("servicenow-table:getTicket?displayValue=yes"))
                .hasMessageContaining("displayValue must be one of false, true, all");
        assertThatThrownBy(() -> bed.context.getEndpoint("servicenow-table:listTickets?maxRows=0"))
                .hasMessageContaining("maxRows must be 1..100000");
        assertThatThrownBy(() -> bed.context.getEndpoint("servicenow-table:getRequest"))
                .hasMessageContaining("operation must be one of");
        assertThatThrownBy(() -> bed.context.getEndpoint("servicenow-table:test?timeoutMillis=5"))
                .hasMessageContaining("timeoutMillis");
    }

    @Test
    void deleteTicketIsADeleteAnswered204() {
        stub.expect("DELETE", "/api/now/table/incident/" + INC, 204, null);
        assertThat(Json.read(bed.ok("deleteTicket", null, record(INC)))).isEqualTo(Json.read(
                "{\"result\":{\"sys_id\":\"" + INC + "\",\"deleted\":true}}"));
        assertThat(stub.request(0).rawQuery()).isNull();
    }

    @Test
    void addCommentPatchesTheJournalFieldThenFindsItsOwnJournalEntry() {
        stub.expect("PATCH", "/api/now/table/incident/" + INC, 200, RECORD);
        String row = "{\"sys_id\":\"a1c2e3f4a1c2e3f4a1c2e3f4a1c2e3f4\",\"element\":\"comments\",\"element_id\":\"" + INC
                + "\",\"value\":\"[Sam] Please reboot\",\"sys_created_on\":\"2024-06-03 10:00:00\"}";
        stub.expect("GET", "/api/now/table/sys_journal_field", 200, "{\"result\":[{\"sys_id\":\"ffffffffffffffffffff"
                + "ffffffffffff\",\"element\":\"comments\",\"value\":\"someone else\"}," + row + "]}");
        String out = bed.ok("addComment", "{\"comments\":\"[Sam] Please reboot\"}", record(INC));
        assertThat(Json.read(out)).isEqualTo(Json.read("{\"result\":" + row + "}"));
        SnStub.Request patch = stub.request(0);
        assertThat(Json.read(patch.text())).isEqualTo(Json.read("{\"comments\":\"[Sam] Please reboot\"}"));
        assertThat(patch.query()).containsExactly(Map.entry("sysparm_fields", "sys_id,sys_updated_on"));
        assertThat(stub.request(1).query()).containsExactly(
                Map.entry("sysparm_query", "element_id=" + INC + "^element=comments^ORDERBYDESCsys_created_on"
                        + "^ORDERBYDESCsys_id"),
                Map.entry("sysparm_fields", ServiceNowActivity.JOURNAL_FIELDS), Map.entry("sysparm_limit", "20"));
    }

    @Test
    void addCommentTakesExactlyOneJournalField() {
        assertThat(bed.failure("addComment", "{\"comments\":\"a\",\"state\":\"6\"}", record(INC)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bed.failure("addComment", "{\"work_notes\":\"\"}", record(INC))).isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void listCommentsReadsBothJournalsOfTheRecordFromSysJournalField() {
        stub.expect("GET", "/api/now/table/sys_journal_field", 200, "{\"result\":[{\"sys_id\":\"x\"}]}");
        assertThat(Json.read(bed.ok("listComments", null, record(INC)))).isEqualTo(Json.read(
                "{\"result\":[{\"sys_id\":\"x\"}]}"));
        assertThat(stub.request(0).query()).containsExactly(
                Map.entry("sysparm_query", "element_id=" + INC + "^name=incident^element=work_notes^ORelement=comments"
                        + "^ORDERBYsys_created_on^ORDERBYsys_id"),
                Map.entry("sysparm_fields", "sys_id,element,element_id,name,value,sys_created_on,sys_created_by"),
                Map.entry("sysparm_limit", "100"));
    }

    @Test
    void uploadAttachmentPostsTheBytesWithTheFilesOwnMediaType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        stub.expect("POST", "/api/now/attachment/file", 201, "{\"result\":{\"sys_id\":\"6ea10fe64f411200adf9f8e18110c739\"}}");
        bed.ok("uploadAttachment", png, Map.of(ConnectorHeaders.REMOTE_ID, INC, ConnectorHeaders.FILE_NAME,
                "screen shot&1.png", ConnectorHeaders.CONTENT_TYPE, "image/png"));
        SnStub.Request r = stub.request(0);
        assertThat(r.rawQuery()).isEqualTo("table_name=incident&table_sys_id=" + INC + "&file_name=screen%20shot%261.png");
        assertThat(r.header("Content-Type")).isEqualTo("image/png");
        assertThat(r.body()).isEqualTo(png);
        assertThat(bed.auditDetails().get(0)).contains("[7 bytes]");
    }

    @Test
    void listAndDownloadAttachments() {
        stub.expect("GET", "/api/now/attachment", 200, "{\"result\":[]}");
        bed.ok("listAttachments", null, record(INC));
        assertThat(stub.request(0).query()).containsExactly(Map.entry("sysparm_query", "table_name=incident^table_sys_id="
                + INC + "^ORDERBYsys_created_on^ORDERBYsys_id"), Map.entry("sysparm_limit", "100"));
        stub.expectBytes("GET", "/api/now/attachment/6ea10fe64f411200adf9f8e18110c739/file", "image/png",
                new byte[] {1, 2, 3});
        Exchange e = bed.send("downloadAttachment", "sn-basic", null,
                Map.of(ConnectorHeaders.ITEM_ID, "6ea10fe64f411200adf9f8e18110c739"));
        assertThat(e.getMessage().getBody(byte[].class)).containsExactly(1, 2, 3);
        assertThat(stub.request(1).header("Accept")).isEqualTo("*/*");
    }

    @Test
    void timeLogsAreTaskTimeWorkedRowsOfTheRecord() {
        stub.expect("POST", "/api/now/table/task_time_worked", 201, "{\"result\":{\"sys_id\":\"e1\"}}");
        bed.ok("addTimeLog", "{\"time_worked\":\"1970-01-01 01:30:00\",\"comments\":\"Toner\"}", record(INC));
        assertThat(Json.read(stub.request(0).text())).isEqualTo(Json.read(
                "{\"time_worked\":\"1970-01-01 01:30:00\",\"comments\":\"Toner\",\"task\":\"" + INC + "\"}"));
        stub.expect("GET", "/api/now/table/task_time_worked", 200, "{\"result\":[]}");
        bed.ok("listTimeLogs", null, record(INC));
        assertThat(stub.request(1).query()).containsExactly(Map.entry("sysparm_query", "task=" + INC
                + "^ORDERBYsys_created_on^ORDERBYsys_id"), Map.entry("sysparm_display_value", "all"),
                Map.entry("sysparm_limit", "100"));
    }

    @Test
    void linkTicketsSetsAReferenceToTheOtherRecordAndNothingElse() {
        stub.expect("PATCH", "/api/now/table/incident/" + INC, 200, RECORD);
        bed.ok("linkTickets", "{\"parent_incident\":\"" + INC2 + "\"}", record(INC));
        assertThat(Json.read(stub.request(0).text())).isEqualTo(Json.read("{\"parent_incident\":\"" + INC2 + "\"}"));
        assertThat(stub.request(0).query().get("sysparm_fields"))
                .isEqualTo("sys_id,number,caused_by,parent,parent_incident,problem_id,rfc");
        assertThat(bed.failure("linkTickets", "{\"assigned_to\":\"" + INC2 + "\"}", record(INC)))
                .isInstanceOf(IllegalArgumentException.class);
        stub.expect("GET", "/api/now/table/incident/" + INC, 200, RECORD);
        bed.ok("listLinks", null, record(INC));
    }

    @Test
    void anAnswerThatIsNotJsonIsARejection() {
        stub.expect("GET", "/api/now/table/incident/" + INC, 200, "<html>login</html>");
        assertThat(bed.failure("getTicket", null, record(INC))).isInstanceOf(
                io.ticketbridge.connector.DeskRejectedException.class).hasMessageContaining("not JSON");
    }

    @Test
    void theIntegrationMustBeAServiceNowOneWithAnInstanceUrl() {
        assertThat(bed.failure("test", "nope", "{}", Map.of())).hasMessageContaining("does not exist");
        bed.put(new io.ticketbridge.model.Integration("bad-url", "s", "servicenow", "x", "ftp://x", Json.object(), null,
                java.util.List.of(), true, java.time.Instant.EPOCH, java.time.Instant.EPOCH));
        assertThat(bed.failure("test", "bad-url", "{}", Map.of())).hasMessageContaining("base_url");
    }
}
