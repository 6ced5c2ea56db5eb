package io.ticketbridge.component.servicenow;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.component.support.ConnectorSupport;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import static io.ticketbridge.component.servicenow.ServiceNowOperations.*;
import static io.ticketbridge.connector.DeskOperation.*;
import static io.ticketbridge.connector.ConnectorHeaders.*;

/** Performs one servicenow-table operation for the integration the exchange names. */
final class ServiceNowProducer extends DefaultProducer {

    static final String PLATFORM = "servicenow";

    ServiceNowProducer(ServiceNowEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ServiceNowEndpoint getEndpoint() {
        return (ServiceNowEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ServiceNowEndpoint ep = getEndpoint();
        ServiceNowComponent component = ep.getComponent();
        Integration integration = ConnectorSupport.integration(exchange, PLATFORM);
        Map<String, String> creds = ConnectorSupport.directory(ep.getCamelContext()).credentials(integration);
        ServiceNowClient client = new ServiceNowClient(ConnectorSupport.http(ep.getCamelContext()), component.auth(),
                component.rateLimits(), integration, creds, ConnectorSupport.timeout(integration, ep.getTimeoutMillis()),
                component::now);
        Message m = exchange.getMessage();
        String op = ep.getOperation();
        ObjectNode query = LIST_TICKETS.equals(op) ? ServiceNowCall.jsonBody(m) : null;
        ServiceNowCall call = new ServiceNowCall(client, component, ep, integration, table(m, query, integration, ep), m);
        if (DOWNLOAD_ATTACHMENT.equals(op)) {
            m.setBody(ServiceNowActivity.download(call));
            return;
        }
        JsonNode out = switch (op) {
            case TEST -> ServiceNowRecords.test(call);
            case GET_TICKET -> ServiceNowRecords.get(call, null);
            case LIST_TICKETS -> ServiceNowRecords.list(call, query);
            case CREATE_TICKET -> ServiceNowRecords.create(call, call.body());
            case UPDATE_TICKET -> ServiceNowRecords.update(call, call.body());
            case DELETE_TICKET -> ServiceNowRecords.delete(call);
            case SET_RESOLUTION -> ServiceNowRecords.setResolution(call, call.body());
            case GET_RESOLUTION -> ServiceNowRecords.getResolution(call);
            case CLOSE_TICKET -> ServiceNowRecords.close(call, call.body());
            case LINK_TICKETS -> ServiceNowRecords.link(call, call.body());
            case LIST_LINKS -> ServiceNowRecords.listLinks(call);
            case LIST_CLOSE_CODES -> closeCodes(call);
            case ADD_COMMENT -> ServiceNowActivity.addComment(call, call.body());
            case LIST_COMMENTS -> ServiceNowActivity.listComments(call);
            case UPLOAD_ATTACHMENT -> ServiceNowActivity.upload(call);
            case LIST_ATTACHMENTS -> ServiceNowActivity.listAttachments(call);
            case ADD_TIME_LOG -> ServiceNowActivity.addTimeLog(call, call.body());
            case LIST_TIME_LOGS -> ServiceNowActivity.listTimeLogs(call);
            default -> throw new IllegalArgumentException("Unsupported servicenow-table operation " + op);
        };
        m.setBody(Json.write(out));
    }

    private static JsonNode closeCodes(ServiceNowCall call) {
        ObjectNode out = Json.object();
        out.set("result", call.component().closeCodes().list(call.client(), call.table(), call.fresh()));
        return out;
    }

    /**
     * The table, from a closed set: header TicketBridgeTable, else the listTickets query's "table",
     * else the integration's config "table", else the endpoint's table option.
     */
    static String table(Message m, ObjectNode query, Integration integration, ServiceNowEndpoint ep) {
        String header = m.getHeader(TABLE, String.class);
        String fromQuery = query == null ? null : ServiceNowRecords.text(query.get("table"));
        String table = header != null ? header : fromQuery != null ? fromQuery
                : integration.configText("table", ep.getTable());
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("ServiceNow table must be one of " + TABLES + ", got '" + table + "'");
        }
        return table;
    }
}
