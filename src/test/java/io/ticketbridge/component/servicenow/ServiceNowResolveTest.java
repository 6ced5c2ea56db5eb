package io.ticketbridge.component.servicenow;

import io.ticketbridge.connector.ConnectorHeaders;

import static io.ticketbridge.component.servicenow.SnTestBed.INC;
import static io.ticketbridge.component.servicenow.SnTestBed.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.ticketbridge.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resolve and close: close codes read per instance from sys_choice (cached, TicketBridgeFresh
 * bypasses), checked before the PATCH; state 7 only where allow_direct_close says so.
 */
class ServiceNowResolveTest {

    static final String CHOICE = "/api/now/table/sys_choice";
    static final String RECORD_PATH = "/api/now/table/incident/" + INC;
    static final String RECORD = "{\"result\":{\"sys_id\":\"" + INC + "\",\"state\":\"6\"}}";
    /** Current-release codes, with a second language row for one of them. */
    static final String CHOICES = "{\"result\":[{\"value\":\"Solution provided\",\"label\":\"Solution provided\","
            + "\"sequence\":\"1\"},{\"value\":\"Workaround provided\",\"label\":\"Workaround provided\",\"sequence\":\"2\"},"
            + "{\"value\":\"Solution provided\",\"label\":\"Lösung bereitgestellt\",\"sequence\":\"1\"}]}";
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

    String withDefault(Object closeCodeDefault, boolean allowClose) {
        Map<String, Object> config = new HashMap<>();
        config.put("close_code_default", closeCodeDefault);
        config.put("allow_direct_close", allowClose);
        return bed.basic("sn-res-" + allowClose, config);
    }

    @Test
    void closeCodesAreReadFromSysChoiceOncePerValueAndCached() {
        stub.expect("GET", CHOICE, 200, CHOICES);
        String out = bed.ok("listCloseCodes", null, Map.of());
        assertThat(Json.read(out)).isEqualTo(Json.read("{\"result\":[{\"value\":\"Solution provided\",\"label\":"
                + "\"Solution provided\",\"sequence\":\"1\"},{\"value\":\"Workaround provided\",\"label\":"
                + "\"Workaround provided\",\"sequence\":\"2\"}]}"));
        assertThat(stub.request(0).query()).containsExactly(
                Map.entry("sysparm_query", "name=incident^element=close_code^inactive=false^ORDERBYsequence"
                        + "^ORDERBYsys_id"),
                Map.entry("sysparm_fields", "value,label,sequence"), Map.entry("sysparm_limit", "100"));
        bed.ok("listCloseCodes", null, Map.of());
        assertThat(stub.requests()).as("served from the cache").hasSize(1);
        stub.expect("GET", CHOICE, 200, CHOICES);
        bed.ok("listCloseCodes", null, Map.of(ConnectorHeaders.FRESH, true));
        assertThat(stub.requests()).hasSize(2);
        stub.expect("GET", CHOICE, 200, "{\"result\":[{\"value\":\"successful\"}]}");
        bed.ok("listCloseCodes", null, Map.of(ServiceNowOperations.TABLE, "change_request"));
        assertThat(stub.request(2).query().get("sysparm_query")).startsWith("name=change_request^");
    }

    @Test
    void setResolutionResolvesWithTheConfiguredCodeMatchedByLabelAndTheNotesInOnePatch() {
        String id = withDefault("solution PROVIDED", false);
        stub.expect("GET", CHOICE, 200, CHOICES);
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        bed.ok("setResolution", id, "{\"close_notes\":\"Toner replaced\"}", record(INC));
        assertThat(Json.read(stub.request(1).text())).isEqualTo(Json.read(
                "{\"close_notes\":\"Toner replaced\",\"state\":\"6\",\"close_code\":\"Solution provided\"}"));
    }

    @Test
    void aCodeInTheBodyWinsAndAChangeTakesItsOwnTablesDefaultWithoutAState() {
        String id = withDefault(Map.of("incident", "Solution provided", "change_request", "successful"), false);
        stub.expect("GET", CHOICE, 200, CHOICES);
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        bed.ok("setResolution", id, "{\"close_notes\":\"n\",\"close_code\":\"Workaround provided\"}", record(INC));
        assertThat(Json.read(stub.request(1).text()).path("close_code").asText()).isEqualTo("Workaround provided");

        stub.expect("GET", CHOICE, 200, "{\"result\":[{\"value\":\"successful\"},{\"value\":\"unsuccessful\"}]}");
        stub.expect("PATCH", "/api/now/table/change_request/" + INC, 200, RECORD);
        bed.ok("setResolution", id, "{\"close_notes\":\"Done\"}", Map.of(ConnectorHeaders.REMOTE_ID, INC,
                ServiceNowOperations.TABLE, "change_request"));
        assertThat(Json.read(stub.request(3).text())).isEqualTo(Json.read(
                "{\"close_notes\":\"Done\",\"close_code\":\"successful\"}"));
    }

    @Test
    void aCloseCodeTheInstanceDoesNotOfferIsRefusedBeforeThePatchNamingTheChoices() {
        String id = withDefault("Solved (Permanently)", false);
        stub.expect("GET", CHOICE, 200, CHOICES);
        Exception e = bed.failure("setResolution", id, "{\"close_notes\":\"n\"}", record(INC));
        assertThat(e).isInstanceOf(ServiceNowRejectedException.class).hasMessageContaining("Solved (Permanently)")
                .hasMessageContaining("[Solution provided, Workaround provided]");
        assertThat(((ServiceNowRejectedException) e).reason()).isEqualTo(ServiceNowRejectedException.Reason.CLOSE_CODE);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void withoutAnyCloseCodeTheEngineerIsToldWhichToConfigure() {
        stub.expect("GET", CHOICE, 200, CHOICES);
        assertThat(bed.failure("setResolution", "{\"close_notes\":\"n\"}", record(INC)))
                .isInstanceOf(ServiceNowRejectedException.class).hasMessageContaining("close_code_default");
    }

    @Test
    void anUnreadableSysChoiceLeavesTheCodeUnchecked() {
        String id = withDefault("Solved (Permanently)", false);
        stub.expect("GET", CHOICE, 403, "{\"error\":{\"message\":\"User Not Authorized\",\"detail\":\"ACL\"}}");
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        bed.ok("setResolution", id, "{\"close_notes\":\"n\"}", record(INC));
        assertThat(Json.read(stub.request(1).text()).path("close_code").asText()).isEqualTo("Solved (Permanently)");
    }

    @Test
    void anUpdateToAResolveStateGetsTheCloseCodeAndStateSevenBecomesSixWithoutAllowDirectClose() {
        String id = withDefault("Solution provided", false);
        stub.expect("GET", CHOICE, 200, CHOICES);
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        bed.ok("updateTicket", id, "{\"state\":\"7\",\"close_notes\":\"n\"}", record(INC));
        assertThat(Json.read(stub.request(1).text())).isEqualTo(Json.read(
                "{\"state\":\"6\",\"close_notes\":\"n\",\"close_code\":\"Solution provided\"}"));

        String allowed = withDefault("Solution provided", true);
        stub.expect("GET", CHOICE, 200, CHOICES);
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        bed.ok("updateTicket", allowed, "{\"state\":\"7\",\"close_notes\":\"n\"}", record(INC));
        assertThat(Json.read(stub.request(3).text()).path("state").asText()).isEqualTo("7");
    }

    @Test
    void closeTicketResolvesThenClosesOnlyWhereAllowed() {
        String resolveOnly = withDefault("Solution provided", false);
        stub.expect("GET", CHOICE, 200, CHOICES);
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        bed.ok("closeTicket", resolveOnly, "{\"close_notes\":\"n\"}", record(INC));
        assertThat(stub.requests()).extracting(SnStub.Request::method).containsExactly("GET", "PATCH");
        assertThat(Json.read(stub.request(1).text()).path("state").asText()).isEqualTo("6");

        String closes = withDefault("Solution provided", true);
        stub.expect("GET", CHOICE, 200, CHOICES);
        stub.expect("PATCH", RECORD_PATH, 200, RECORD);
        stub.expect("PATCH", RECORD_PATH, 200, "{\"result\":{\"sys_id\":\"" + INC + "\",\"state\":\"7\"}}");
        String out = bed.ok("closeTicket", closes, "{\"close_notes\":\"n\"}", record(INC));
        assertThat(Json.read(stub.request(3).text()).path("state").asText()).isEqualTo("6");
        assertThat(Json.read(stub.request(4).text())).isEqualTo(Json.read("{\"state\":\"7\"}"));
        assertThat(Json.read(out).path("result").path("state").asText()).isEqualTo("7");
    }

    @Test
    void closingAChangeIsStateThreeWithItsCloseCode() {
        String id = withDefault(Map.of("change_request", "successful"), false);
        stub.expect("GET", CHOICE, 200, "{\"result\":[{\"value\":\"successful\"}]}");
        stub.expect("PATCH", "/api/now/table/change_request/" + INC, 200, RECORD);
        bed.ok("closeTicket", id, "{\"close_notes\":\"Done\"}", Map.of(ConnectorHeaders.REMOTE_ID, INC,
                ServiceNowOperations.TABLE, "change_request"));
        assertThat(Json.read(stub.request(1).text())).isEqualTo(Json.read(
                "{\"close_notes\":\"Done\",\"state\":\"3\",\"close_code\":\"successful\"}"));
    }

    @Test
    void getResolutionReadsTheCloseFields() {
        stub.expect("GET", RECORD_PATH, 200, RECORD);
        bed.ok("getResolution", null, record(INC));
        assertThat(stub.request(0).query()).containsExactly(Map.entry("sysparm_fields",
                "sys_id,number,state,close_code,close_notes,resolved_at,resolved_by,closed_at,closed_by"),
                Map.entry("sysparm_display_value", "all"));
    }
}
