package io.ticketbridge.dataformat.servicenow;

import static io.ticketbridge.dataformat.servicenow.Fixtures.DESK;
import static io.ticketbridge.dataformat.servicenow.Fixtures.RECORDS;
import static io.ticketbridge.dataformat.servicenow.Fixtures.fields;
import static io.ticketbridge.dataformat.servicenow.Fixtures.json;
import static io.ticketbridge.dataformat.servicenow.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.sync.Reconciler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hub fields ↔ incident / change_request records with the repo's value tables
 * (config/mappings/servicenow.yaml): fixture in, expected JSON out, one test per ServiceNow quirk.
 */
class ServiceNowRecordMapperTest {

    static final List<FieldMapping> SITE = List.of(new FieldMapping(null, "custom_fields.site", "u_site"));

    @Test
    void aFullHubTicketBecomesTheIncidentToCreate() {
        ObjectNode out = RECORDS.toRecord("incident", fields("hub-ticket-incident.json"), SITE, null, true);
        assertThat((JsonNode) out).isEqualTo(json("create-incident.json"));
    }

    @Test
    void displayValueObjectsAreReadByValueAndReferencesByDisplayName() {
        Map<String, Object> out = DESK.toCanonical(json("incident-display-all.json"), List.of());
        assertThat(tree(out)).isEqualTo(json("hub-fields-from-incident.json"));
    }

    @Test
    void plainValuesAndReferenceLinksReadTheSameChoicesButIdsForPeople() {
        Map<String, Object> out = DESK.toCanonical(json("incident-plain.json"), List.of());
        assertThat(tree(out)).isEqualTo(json("hub-fields-from-incident-plain.json"));
    }

    @Test
    void emptyJournalFieldsOnRecordsAreNeitherFieldsNorComments() {
        JsonNode record = json("incident-display-all.json");
        Map<String, Object> out = DESK.toCanonical(record, List.of());
        assertThat(out).doesNotContainKeys("comments", "work_notes", "comments_and_work_notes");
        // a record is not a journal listing: its journal display text never becomes comments
        assertThat(DESK.comments(record)).isEmpty();
        assertThat(DESK.remoteResolution(record)).isNull();
    }

    @Test
    void resolvedSendsStateSixWithTheCloseNotesTheDataPolicyNeedsInTheSamePatch() {
        ObjectNode out = RECORDS.toRecord("incident", Map.of("status", "resolved"), List.of(), null, false);
        assertThat((JsonNode) out).isEqualTo(Json.read(
                "{\"state\":\"6\",\"close_notes\":\"Resolved in the hub (TicketBridge)\"}"));
        assertThat(DESK.resolutionToRemote(new io.ticketbridge.model.Resolution("t1", "Toner replaced", null, "hub",
                null, null))).isEqualTo(Json.read("{\"close_notes\":\"Toner replaced\"}"));
    }

    @Test
    void closedGoesOutAsResolvedByDefaultAndAClosedRecordReadsBackClosed() {
        assertThat(RECORDS.toRecord("incident", Map.of("status", "closed"), List.of(), null, false).path("state")
                .asText()).isEqualTo("6");
        assertThat(DESK.toCanonical(Json.read("{\"sys_class_name\":\"incident\",\"state\":\"7\"}"), List.of())
                .get("status")).isEqualTo("closed");
    }

    @Test
    void theResolutionTextIsReadFromCloseNotes() {
        JsonNode record = Json.read("{\"result\":{\"state\":{\"value\":\"6\",\"display_value\":\"Resolved\"},"
                + "\"close_code\":{\"value\":\"Solution provided\"},\"close_notes\":{\"value\":\"Toner replaced\","
                + "\"display_value\":\"Toner replaced\"}}}");
        assertThat(DESK.remoteResolution(record)).isEqualTo("Toner replaced");
    }

    @Test
    void pendingIncidentIsOnHoldWithTheHoldReasonFromTheTable() {
        ObjectNode out = RECORDS.toRecord("incident", Map.of("status", "pending"), List.of(), null, false);
        assertThat((JsonNode) out).isEqualTo(Json.read("{\"state\":\"3\",\"hold_reason\":\"1\"}"));
    }

    @ParameterizedTest(name = "hub {0} -> impact {1}, urgency {2}")
    @CsvSource({"urgent,1,1", "high,1,2", "medium,2,2", "low,3,2"})
    void priorityMatrixOutboundAHubPriorityBecomesAnImpactUrgencyPair(String hub, String impact, String urgency) {
        ObjectNode out = RECORDS.toRecord("incident", Map.of("priority", hub), List.of(), null, false);
        assertThat((JsonNode) out).isEqualTo(Json.read("{\"impact\":\"" + impact + "\",\"urgency\":\"" + urgency
                + "\"}"));
        assertThat(out.has("priority")).as("ServiceNow computes priority; a written one is ignored").isFalse();
    }

    @ParameterizedTest(name = "impact {0} x urgency {1} -> hub {2}")
    @CsvSource({"1,1,urgent", "1,2,high", "1,3,medium", "2,1,high", "2,2,medium", "2,3,low", "3,1,medium",
        "3,2,low", "3,3,low"})
    void priorityMatrixInboundWithoutAPriorityTheMatrixDecides(String impact, String urgency, String hub) {
        JsonNode record = Json.read("{\"impact\":\"" + impact + "\",\"urgency\":\"" + urgency + "\"}");
        assertThat(DESK.toCanonical(record, List.of()).get("priority")).isEqualTo(hub);
    }

    @Test
    void priorityInboundServiceNowsComputedPriorityWinsOverTheMatrix() {
        // an instance with its own dl_u_priority lookup: what it computed is what the hub shows
        JsonNode record = Json.read("{\"impact\":\"3\",\"urgency\":\"3\",\"priority\":{\"value\":\"1\","
                + "\"display_value\":\"1 - Critical\"}}");
        assertThat(DESK.toCanonical(record, List.of()).get("priority")).isEqualTo("urgent");
    }

    @ParameterizedTest
    @CsvSource({"urgent", "high", "medium", "low"})
    void priorityRoundTripIsStable(String hub) {
        Map<String, Object> local = new HashMap<>(Map.of("priority", hub, "subject", "x"));
        assertThat(Reconciler.roundTrip(DESK, List.of(), local).get("priority")).isEqualTo(hub);
    }

    @Test
    void changeTypeOnCreateFollowsPriorityAndATemplateTypeWins() {
        Map<String, Object> f = Map.of("subject", "Patch", "priority", "urgent", "status", "new");
        assertThat(RECORDS.toRecord("change_request", f, List.of(), null, true)).isEqualTo(Json.read(
                "{\"short_description\":\"Patch\",\"on_hold\":\"false\",\"state\":\"-5\",\"impact\":\"1\","
                        + "\"urgency\":\"1\",\"type\":\"emergency\"}"));
        assertThat(RECORDS.toRecord("change_request", Map.of("priority", "low"), List.of(), null, true).path("type")
                .asText()).isEqualTo("normal");
        TicketTemplate standard = new TicketTemplate("t", "std", null, null, null, Map.of("type", "standard",
                "std_change_producer_version", "1b2c3d"), true);
        ObjectNode out = RECORDS.toRecord("change_request", f, List.of(), standard, true);
        assertThat(out.path("type").asText()).isEqualTo("standard");
        assertThat(out.path("std_change_producer_version").asText()).isEqualTo("1b2c3d");
        // an update never changes a change's type
        assertThat(RECORDS.toRecord("change_request", f, List.of(), null, false).has("type")).isFalse();
    }

    @ParameterizedTest(name = "hub {0} -> change state {1}")
    @CsvSource({"new,-5", "in_progress,-1", "resolved,0", "cancelled,4"})
    void changeStatesOutbound(String hub, String state) {
        ObjectNode out = RECORDS.toRecord("change_request", Map.of("status", hub), List.of(), null, false);
        assertThat((JsonNode) out).isEqualTo(Json.read("{\"on_hold\":\"false\",\"state\":\"" + state + "\"}"));
    }

    @ParameterizedTest(name = "change state {0} -> hub {1}")
    @CsvSource({"-5,new", "-4,open", "-3,open", "-2,open", "-1,in_progress", "0,resolved", "3,closed", "4,cancelled",
        "7,closed"})
    void changeStatesInbound(String state, String hub) {
        JsonNode record = Json.read("{\"sys_class_name\":\"change_request\",\"state\":\"" + state + "\","
                + "\"on_hold\":\"false\"}");
        assertThat(DESK.toCanonical(record, List.of()).get("status")).isEqualTo(hub);
    }

    @Test
    void aChangeOnHoldIsPendingBothWaysAndClosingItCarriesCloseNotes() {
        assertThat((JsonNode) RECORDS.toRecord("change_request", Map.of("status", "pending"), List.of(), null, false))
                .isEqualTo(Json.read("{\"on_hold\":\"true\"}"));
        JsonNode held = Json.read("{\"sys_class_name\":\"change_request\",\"state\":\"-1\",\"on_hold\":\"true\"}");
        assertThat(DESK.toCanonical(held, List.of()).get("status")).isEqualTo("pending");
        assertThat(RECORDS.toRecord("change_request", Map.of("status", "closed"), List.of(), null, false)
                .path("close_notes").asText()).isNotBlank();
    }

    @Test
    void aChangeRequestRecordBecomesHubFieldsWithItsOwnStateModelAndRequestedBy() {
        Map<String, Object> out = DESK.toCanonical(json("change-display-all.json"), List.of());
        assertThat(tree(out)).isEqualTo(json("hub-fields-from-change.json"));
        assertThat(ServiceNowRecordMapper.tableOf(Json.read("{\"number\":\"CHG0000001\"}"))).isEqualTo("change_request");
    }

    @Test
    void categoriesAndGroupsUseTheTablesAndUnknownValuesPassThrough() {
        ObjectNode out = RECORDS.toRecord("incident", Map.of("category", "Inquiry / Help", "group", "Database Team",
                "subcategory", "Keyboard"), List.of(), null, false);
        assertThat((JsonNode) out).isEqualTo(Json.read("{\"category\":\"inquiry\",\"subcategory\":\"Keyboard\","
                + "\"assignment_group\":\"Database Team\"}"));
        JsonNode record = Json.read("{\"category\":\"inquiry\",\"assignment_group\":{\"value\":"
                + "\"d625dc6c6fdd0210a0e2d7fd0a6f1a4c\",\"display_value\":\"Service Desk (EMEA)\"}}");
        Map<String, Object> in = DESK.toCanonical(record, List.of());
        assertThat(in.get("category")).isEqualTo("Inquiry");
        assertThat(in.get("group")).as("a mapped sys_id wins over the display name").isEqualTo("Service Desk");
    }

    @Test
    void onUpdateANullClearsTheFieldWithAnEmptyStringButOnCreateItIsLeftOut() {
        Map<String, Object> f = new HashMap<>();
        f.put("assignee", null);
        f.put("due_at", null);
        f.put("group", null);
        assertThat((JsonNode) RECORDS.toRecord("incident", f, List.of(), null, false)).isEqualTo(Json.read(
                "{\"assigned_to\":\"\",\"due_date\":\"\",\"assignment_group\":\"\"}"));
        assertThat(RECORDS.toRecord("incident", f, List.of(), null, true).isEmpty()).isTrue();
    }

    @Test
    void aCustomMappingSendsAndReadsAUserField() {
        Map<String, Object> f = Map.of("custom_fields", Map.of("site", "EXT-42"));
        assertThat((JsonNode) RECORDS.toRecord("incident", f, SITE, null, false))
                .isEqualTo(Json.read("{\"u_site\":\"EXT-42\"}"));
        Map<String, Object> in = DESK.toCanonical(Json.read("{\"u_site\":{\"value\":\"EXT-9\",\"display_value\":"
                + "\"EXT-9\"}}"), SITE);
        assertThat(in.get("custom_fields")).isEqualTo(Map.of("site", "EXT-9"));
        assertThat(DESK.syncedFields(SITE)).contains("custom_fields").doesNotContain("impact", "urgency");
    }

    @Test
    void aTemplateFillsWhatTheTicketLeavesEmptyOnCreate() {
        TicketTemplate t = new TicketTemplate("t", "net", "Network", "VPN", "Network", Map.of("contact_type", "email"),
                true);
        ObjectNode out = RECORDS.toRecord("incident", Map.of("subject", "x", "category", "Software"), List.of(), t, true);
        assertThat((JsonNode) out).isEqualTo(Json.read("{\"short_description\":\"x\",\"category\":\"software\","
                + "\"subcategory\":\"vpn\",\"assignment_group\":\"287ebd7da9fe198100f92cc8d1d2154e\","
                + "\"contact_type\":\"email\"}"));
    }
}
