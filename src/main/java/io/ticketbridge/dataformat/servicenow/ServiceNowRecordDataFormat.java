package io.ticketbridge.dataformat.servicenow;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.dataformat.support.JsonDataFormatSupport;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.connector.PushPlan;
import io.ticketbridge.connector.ConnectorHeaders;
import org.apache.camel.Exchange;

/**
 * {@code servicenow-record}: marshal a {@link PushPlan} to an incident or change_request record and
 * set header TicketBridgeTable to that table, so the connector writes where the mapping was made
 * for; unmarshal a record (or {"result": record}) to hub fields. The table: header
 * TicketBridgeTable, else the ticket's ticket_type (change / incident), else the integration's
 * config "table", else incident.
 */
public final class ServiceNowRecordDataFormat extends JsonDataFormatSupport {

    static final String TABLE_HEADER = "TicketBridgeTable";
    /** The exchange property the sync flows keep the integration in. */
    static final String INTEGRATION_PROPERTY = "TicketBridgeIntegration";

    private final ServiceNowDeskMapper mapper;

    public ServiceNowRecordDataFormat(ServiceNowDeskMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getDataFormatName() {
        return "servicenow-record";
    }

    @Override
    protected JsonNode toJson(Exchange exchange, Object graph) {
        PushPlan plan = (PushPlan) graph;
        String table = table(exchange, plan);
        exchange.getMessage().setHeader(TABLE_HEADER, table);
        ObjectNode record = mapper.records().toRecord(table, plan.fields(), plan.mappings(), plan.template(),
                plan.create());
        if (plan.create() && plan.ticket() != null && !record.has("correlation_id")) {
            // lets an operator (or a later adoption) find the record a hub ticket created
            record.put("correlation_id", plan.ticket().id());
            record.put("correlation_display", "TicketBridge " + plan.ticket().number());
        }
        return record;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object fromJson(Exchange exchange, JsonNode json) {
        List<FieldMapping> mappings = exchange.getProperty(ConnectorHeaders.MAPPINGS, List.class);
        return mapper.toCanonical(json, mappings);
    }

    static String table(Exchange exchange, PushPlan plan) {
        String header = exchange.getMessage().getHeader(TABLE_HEADER, String.class);
        if (header != null) {
            return header;
        }
        if (plan.ticket() != null) {
            var byType = ServiceNowRecordMapper.tableFor(plan.ticket().fields());
            if (byType.isPresent()) {
                return byType.get();
            }
        }
        Integration integration = exchange.getProperty(INTEGRATION_PROPERTY, Integration.class);
        return integration == null ? ServiceNowRecordMapper.INCIDENT
                : integration.configText("table", ServiceNowRecordMapper.INCIDENT);
    }
}
