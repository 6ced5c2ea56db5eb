package io.ticketbridge.dataformat.servicenow;

import static io.ticketbridge.dataformat.servicenow.Fixtures.DESK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.connector.PushPlan;
import io.ticketbridge.connector.ConnectorHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The thin data formats: which table a push goes to, what a create carries, notes and resolutions. */
class ServiceNowDataFormatTest {

    private final ServiceNowRecordDataFormat records = new ServiceNowRecordDataFormat(DESK);
    private final ServiceNowNoteDataFormat notes = new ServiceNowNoteDataFormat(DESK);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    static Ticket ticket(String type) {
        return new Ticket("tkt-1", "TB-7", "space", "Upgrade", null, "new", "urgent", null, null, type, null, null, null,
                null, null, null, null, List.of(), null, null, Map.of(), 1, null, null, Instant.EPOCH, Instant.EPOCH);
    }

    private ObjectNode marshal(Object graph, org.apache.camel.spi.DataFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.marshal(exchange, graph, out);
        return (ObjectNode) Json.read(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aChangeTicketIsCreatedAsAChangeRequestWithItsCorrelationAndTheTableHeader() throws Exception {
        PushPlan plan = new PushPlan(ticket("change"), Map.of("subject", "Upgrade", "status", "new", "priority", "urgent"),
                List.of(), null, true);
        ObjectNode out = marshal(plan, records);
        assertThat(exchange.getMessage().getHeader("TicketBridgeTable")).isEqualTo("change_request");
        assertThat((JsonNode) out).isEqualTo(Json.read("{\"short_description\":"
                + "\"Upgrade\",\"on_hold\":\"false\",\"state\":\"-5\",\"impact\":\"1\",\"urgency\":\"1\",\"type\":"
                + "\"emergency\",\"correlation_id\":\"tkt-1\",\"correlation_display\":\"TicketBridge TB-7\"}"));
        assertThat(out.has("sys_class_name")).as("the class is never written").isFalse();
    }

    @Test
    void withoutATicketTypeTheIntegrationsTableDecidesAndAnUpdateHasNoCorrelation() throws Exception {
        ObjectNode config = Json.object().put("table", "change_request");
        exchange.setProperty(ServiceNowRecordDataFormat.INTEGRATION_PROPERTY, new Integration("i1", "s", "servicenow",
                "sn", "https://x.service-now.com", config, null, List.of(), true, Instant.EPOCH, Instant.EPOCH));
        ObjectNode out = marshal(new PushPlan(ticket(null), Map.of("status", "in_progress"), List.of(), null, false),
                records);
        assertThat(exchange.getMessage().getHeader("TicketBridgeTable")).isEqualTo("change_request");
        assertThat((JsonNode) out)
                .isEqualTo(Json.read("{\"on_hold\":\"false\",\"state\":\"-1\"}"));
    }

    @Test
    void aTableHeaderAlreadySetWins() throws Exception {
        exchange.getMessage().setHeader("TicketBridgeTable", "incident");
        marshal(new PushPlan(ticket("change"), Map.of("status", "new"), List.of(), null, false), records);
        assertThat(exchange.getMessage().getHeader("TicketBridgeTable")).isEqualTo("incident");
    }

    @Test
    void unmarshalReadsTheAnswerEnvelopeWithTheIntegrationsMappings() throws Exception {
        exchange.setProperty(ConnectorHeaders.MAPPINGS, List.of());
        Object out = records.unmarshal(exchange, new ByteArrayInputStream(
                "{\"result\":{\"sys_class_name\":\"incident\",\"state\":\"2\",\"short_description\":\"x\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(Json.MAPPER.convertValue(out, Map.class)).containsEntry("status", "in_progress").containsEntry("subject", "x");
    }

    @Test
    void notesCommentsAndResolutions() throws Exception {
        assertThat(records.getDataFormatName()).isEqualTo("servicenow-record");
        assertThat(notes.getDataFormatName()).isEqualTo("servicenow-note");
        assertThat((JsonNode) marshal(new Comment("c", "t", "hi", null, null, false,
                "hub", Instant.EPOCH), notes)).isEqualTo(Json.read("{\"work_notes\":\"hi\"}"));
        assertThat((JsonNode) marshal(new Resolution("t", "Rebooted", null, "hub",
                Instant.EPOCH, Instant.EPOCH), notes)).isEqualTo(Json.read("{\"close_notes\":\"Rebooted\"}"));
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
    }
}
