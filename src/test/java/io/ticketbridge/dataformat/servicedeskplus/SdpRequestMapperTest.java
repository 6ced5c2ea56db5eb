package io.ticketbridge.dataformat.servicedeskplus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.dataformat.support.ValueTables;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hub ticket fields ↔ SDP v3 request objects with the repo's value tables
 * (config/mappings/servicedeskplus.yaml) and the seed's field mappings and templates.
 */
class SdpRequestMapperTest {

    static final SdpRequestMapper MAPPER = new SdpRequestMapper(
            new ValueTables(Path.of("config/mappings/servicedeskplus.yaml")));

    /** Seed 000's example mappings plus a custom field to an SDP user-defined field. */
    static final List<FieldMapping> SEED = List.of(new FieldMapping(null, "priority", "priority.name"),
            new FieldMapping(null, "status", "status.name"),
            new FieldMapping(null, "custom_fields.site", "udf_fields.udf_sline_301"));

    @Test
    void aFullHubTicketBecomesTheCreateRequest() {
        ObjectNode out = MAPPER.toRequest(fields("hub-ticket-full.json"), SEED, null);
        assertThat(out).isEqualTo(fixture("create-request-full.json"));
    }

    @Test
    void anSdpRequestBecomesHubFields() {
        Map<String, Object> out = MAPPER.fromRequest(fixture("sdp-request.json"), SEED);
        assertThat((JsonNode) Json.MAPPER.valueToTree(out)).isEqualTo(fixture("hub-fields-from-request.json"));
    }

    @Test
    void withoutACustomMappingCustomFieldsAreNeitherSentNorRead() {
        ObjectNode out = MAPPER.toRequest(fields("hub-ticket-full.json"), List.of(), null);
        assertThat(out.has("udf_fields")).isFalse();
        assertThat(MAPPER.fromRequest(fixture("sdp-request.json"), List.of())).doesNotContainKey("custom_fields");
    }

    @Test
    void aMappingRedirectsAHubFieldToAnotherSdpPath() {
        List<FieldMapping> custom = List.of(new FieldMapping(null, "group", "udf_fields.udf_team"));
        ObjectNode out = MAPPER.toRequest(Map.of("group", "Blue"), custom, null);
        assertThat(out).isEqualTo(Json.read("{\"udf_fields\":{\"udf_team\":\"Blue\"}}"));
        assertThat(MAPPER.fromRequest(Json.read("{\"udf_fields\":{\"udf_team\":\"Red\"},\"group\":{\"name\":\"X\"}}"),
                custom)).containsEntry("group", "Red");
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({"new,Open", "open,Open", "in_progress,In Progress", "pending,On Hold", "resolved,Resolved",
        "closed,Closed", "cancelled,Cancelled"})
    void statusOutbound(String hub, String sdp) {
        assertThat(MAPPER.toRequest(Map.of("status", hub), SEED, null))
                .isEqualTo(Json.read("{\"status\":{\"name\":\"" + sdp + "\"}}"));
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({"Open,open", "In Progress,in_progress", "On Hold,pending", "Onhold,pending", "Resolved,resolved",
        "Closed,closed", "Cancelled,cancelled"})
    void statusInbound(String sdp, String hub) {
        assertThat(read("status", sdp)).isEqualTo(hub);
    }

    @Test
    void lossyStatusesComeBackAsTheirCanonicalHubValue() {
        // hub new and open are both SDP Open; Open reads back as open
        assertThat(read("status", out("status", "new"))).isEqualTo("open");
        assertThat(read("status", "Some Custom Status")).isNull();
    }

    @ParameterizedTest(name = "{0}: hub {1} <-> SDP {2}")
    @CsvSource({"priority,low,Low", "priority,medium,Medium", "priority,high,High", "priority,urgent,Urgent",
        "impact,low,Affects User", "impact,medium,Affects Group", "impact,high,Affects Business",
        "urgency,low,Low", "urgency,medium,Normal", "urgency,high,High"})
    void tablesRoundTrip(String field, String hub, String sdp) {
        assertThat(out(field, hub)).isEqualTo(sdp);
        assertThat(read(field, sdp)).isEqualTo(hub);
    }

    @ParameterizedTest(name = "{0}: SDP {1} -> hub {2}")
    @CsvSource({"priority,Normal,medium", "impact,Affects Department,medium", "urgency,Urgent,high"})
    void inboundOnlyValuesMapToTheNearestHubValue(String field, String sdp, String hub) {
        assertThat(read(field, sdp)).isEqualTo(hub);
    }

    @Test
    void templateFillsWhatTheTicketLeavesEmptyAndNeverOverridesIt() {
        TicketTemplate seedTemplate = new TicketTemplate(null, "access", "Request", "Access Request", "IT Support",
                Map.of("priority", "Medium", "impact", "Affects User", "mode", "Web Form"), true);
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", "Need access to the finance share");
        ticket.put("priority", "high");
        ticket.put("requester_email", "sam@example.com");
        assertThat(MAPPER.toRequest(ticket, SEED, seedTemplate)).isEqualTo(fixture("create-with-template.json"));

        ticket.put("category", "Hardware");
        ticket.put("group", "Hardware Team");
        ticket.put("impact", "high");
        ObjectNode own = MAPPER.toRequest(ticket, SEED, seedTemplate);
        assertThat(own.get("category")).isEqualTo(Json.read("{\"name\":\"Hardware\"}"));
        assertThat(own.get("group")).isEqualTo(Json.read("{\"name\":\"Hardware Team\"}"));
        assertThat(own.get("impact")).isEqualTo(Json.read("{\"name\":\"Affects Business\"}"));
        assertThat(own.get("subcategory")).isEqualTo(Json.read("{\"name\":\"Access Request\"}"));
    }

    @Test
    void withoutATemplateNothingIsAdded() {
        assertThat(MAPPER.toRequest(Map.of("priority", "low"), SEED, null))
                .isEqualTo(Json.read("{\"priority\":{\"name\":\"Low\"}}"));
    }

    @Test
    void clearingAFieldOnUpdateSendsNullForTheWholeLookup() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("group", null);
        changes.put("description", null);
        assertThat(MAPPER.toRequest(changes, SEED, null))
                .isEqualTo(Json.read("{\"group\":null,\"description\":null}"));
    }

    @Test
    void syncedFieldsAreTheDefaultsPlusMappedCustomFields() {
        assertThat(SdpRequestMapper.syncedFields(SEED)).contains("subject", "status", "priority", "due_at",
                "custom_fields").doesNotContain("cis", "ticket_type");
        assertThat(SdpRequestMapper.syncedFields(List.of())).doesNotContain("custom_fields");
        assertThat(SdpRequestMapper.paths(SEED)).containsEntry("custom_fields.site", "udf_fields.udf_sline_301")
                .containsEntry("priority", "priority.name");
    }

    private static String out(String field, String hub) {
        return MAPPER.toRequest(Map.of(field, hub), SEED, null).get(field).get("name").asText();
    }

    private static Object read(String field, String sdp) {
        ObjectNode request = Json.object();
        request.putObject(field).put("name", sdp);
        return MAPPER.fromRequest(request, SEED).get(field);
    }

    static Map<String, Object> fields(String name) {
        return Json.toMap(fixture(name));
    }

    static JsonNode fixture(String name) {
        try (InputStream in = SdpRequestMapperTest.class.getResourceAsStream("/fixtures/sdp/" + name)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
