package io.ticketbridge.dataformat.ensono;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The pure mapper over the repo's config/mappings/ensono.yaml. */
class EnsonoTicketMapperTest {

    @SuppressWarnings("unchecked")
    static EnsonoTables tables(Map<String, Object> overrides) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("config/mappings/ensono.yaml"))));
        doc.putAll(overrides);
        return EnsonoTables.parse(doc);
    }

    static Ticket ticket(String status, String priority, String impact, String urgency, String group,
                         Map<String, Object> custom) {
        return new Ticket("id-1", "TB-7", "space", "VPN down", "Tunnel down", status, priority, impact, urgency,
                "incident", "Network gear", null, group, null, "Jane", "jane@acme.example", null, List.of("vpn-gw-01"),
                null, null, custom, 1, null, null, Instant.now(), Instant.now());
    }

    @Test
    void priorityStatusAndGroupAreMappedThroughTheTables() throws Exception {
        EnsonoTicketMapper m = mapper();
        Map<String, String> v = m.bridgeView(ticket("in_progress", "urgent", null, null, "Network", null), null);
        assertThat(v).containsEntry("priority", "1").containsEntry("status", "workinprogress")
                .containsEntry("group", "Ensono Service Desk").containsEntry("cis", "vpn-gw-01");
        assertThat(v.get("description")).isEqualTo("Tunnel down\n\nCategory: Network gear");
    }

    @Test
    void anInvalidOrMissingPriorityBecomesThree() throws Exception {
        EnsonoTicketMapper m = mapper();
        assertThat(m.bridgeView(ticket("open", "whenever", null, null, null, null), null)).containsEntry("priority", "3");
        assertThat(m.bridgeView(ticket("open", null, null, null, null, null), null)).containsEntry("priority", "3");
    }

    @Test
    void theImpactUrgencyMatrixGivesOneToFourAndInvalidIsThree() throws Exception {
        EnsonoTables base = tables(Map.of());
        Map<String, Object> priority = new LinkedHashMap<>();
        priority.put("source", "matrix");
        priority.put("default", "3");
        priority.put("matrix", Map.of("high", Map.of("high", "1", "medium", "2", "low", "3"),
                "low", Map.of("low", "4")));
        EnsonoTicketMapper m = new EnsonoTicketMapper(() -> assume(tablesWith(priority)));
        assertThat(m.bridgeView(ticket("open", "low", "high", "high", null, null), null)).containsEntry("priority", "1");
        assertThat(m.bridgeView(ticket("open", "low", "low", "low", null, null), null)).containsEntry("priority", "4");
        assertThat(m.bridgeView(ticket("open", "low", "bogus", "high", null, null), null)).containsEntry("priority", "3");
        assertThat(base.prioritySource()).isEqualTo("priority");
    }

    @Test
    void anInternalGroupSendsTheGenericGroupPendingAndAResolutionCarriesCloseNotes() throws Exception {
        EnsonoTicketMapper m = mapper();
        assertThat(m.bridgeView(ticket("open", "low", null, null, "Desktop Support", null), null))
                .containsEntry("group", "Client Generic").containsEntry("status", "pending");
        assertThat(m.bridgeView(ticket("resolved", "low", null, null, "Network", null), "Fixed it"))
                .containsEntry("status", "resolved").containsEntry("closeNotes", "Fixed it");
    }

    @Test
    void anUpdateHasIdentityPlusChangedFieldsAndExtraFieldsGoAsComments() throws Exception {
        EnsonoTicketMapper m = mapper();
        Ticket before = ticket("open", "low", null, null, "Network", Map.of("start_date", "2026-01-01"));
        Ticket after = ticket("open", "high", null, null, "Network", Map.of("start_date", "2026-02-01"));
        Map<String, String> snapshot = m.bridgeView(before, null);
        Map<String, String> view = m.bridgeView(after, null);
        var id = new EnsonoTicketMapper.Identity("acme", "TB-7", "Incident");
        Comment c = new Comment("c1", "id-1", "Called the user", "bob", null, true, "hub",
                Instant.parse("2026-01-02T10:00:00Z"));
        ObjectNode p = (ObjectNode) m.updatePayload(id, m.delta(view, snapshot), view, List.of(c)).get("payload");
        List<String> names = new java.util.ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("clientName", "clientTicketNumber", "ticketType", "priority", "comments");
        assertThat(p.path("comments").get(0).path("body").asText()).isEqualTo("Start date: 2026-02-01");
        assertThat(p.path("comments").get(1).path("commentTime").asText()).isEqualTo("2026-01-02 10:00:00");
        assertThat(m.updatePayload(id, m.delta(view, view), view, List.of())).isNull();
    }

    @Test
    void inboundChangesOnlyTouchTheChangedFields() throws Exception {
        EnsonoTicketMapper m = mapper();
        JsonNode body = Json.read("{\"ticketNumber\":\"e-CS1\",\"status\":\"pending\",\"priority\":\"4\","
                + "\"shortDescription\":\"x\",\"changed\":{\"updatedOn\":\"2024-06-03T10:02:00Z\",\"status\":\"pending\"}}");
        assertThat(m.inbound().hubChanges(body)).containsExactly(Map.entry("status", "pending"));
        assertThat(m.inbound().hubFields(body)).containsEntry("priority", "low").containsEntry("subject", "x");
    }

    private static EnsonoTables assume(EnsonoTables t) {
        return t;
    }

    private static EnsonoTicketMapper mapper() throws Exception {
        EnsonoTables t = tables(Map.of());
        return new EnsonoTicketMapper(() -> t);
    }

    private static EnsonoTables tablesWith(Map<String, Object> priority) {
        try {
            return tables(Map.of("priority", priority));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
