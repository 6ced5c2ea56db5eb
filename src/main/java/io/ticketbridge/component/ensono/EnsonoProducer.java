package io.ticketbridge.component.ensono;

import io.ticketbridge.connector.ConnectorHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.component.support.ConnectorSupport;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Performs ensono operations; see {@link EnsonoEndpoint}. */
final class EnsonoProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoProducer.class);
    static final String PLATFORM = "ensono";
    public static final String TICKET_NUMBER = "EnsonoTicketNumber";
    public static final String DEFAULT_GROUP = "EnsonoDefaultGroup";
    /** Set when the invalid-group fallback was used: the group that was sent instead. */
    public static final String GROUP_FALLBACK = "EnsonoGroupFallback";
    /** attach: the file name Ensono shows; the body is the file's bytes, Content-Type its type. */
    public static final String FILE_NAME = "EnsonoFileName";

    EnsonoProducer(EnsonoEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public EnsonoEndpoint getEndpoint() {
        return (EnsonoEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        EnsonoEndpoint ep = getEndpoint();
        Integration integration = ConnectorSupport.integration(exchange, PLATFORM);
        EnsonoClient client = new EnsonoClient(ConnectorSupport.http(ep.getCamelContext()), integration,
                ConnectorSupport.directory(ep.getCamelContext()).credentials(integration),
                ConnectorSupport.timeout(integration, ep.getTimeoutMillis()),
                new EnsonoClient.TimeoutRule(ep.getTimeoutResendMinSeconds(), ep.getTimeoutResendMaxSeconds()));
        var in = exchange.getMessage();
        String op = ep.getOperation();
        JsonNode answer;
        switch (op) {
            case "test" -> {
                // GET of a ticket that cannot exist: any answer but 401/403/5xx shows the bridge and key work
                try {
                    answer = client.call("GET", "/tickets/" + EnsonoClient.segment("TB-CONNECTION-TEST"), null);
                } catch (DeskRejectedException e) {
                    answer = Json.object().put("status", e.statusCode());
                }
            }
            case "create" -> {
                answer = sendWithGroupFallback(exchange, client, "POST", "/tickets");
                JsonNode number = answer.path("Response");
                if (!number.isTextual() || number.asText().isBlank()) {
                    throw new DeskRejectedException("Ensono create answered without a ticket number: " + answer, 200,
                            Json.write(answer));
                }
                in.setHeader(TICKET_NUMBER, number.asText());
            }
            case "update" -> answer = sendWithGroupFallback(exchange, client, "PUT", ticketPath(exchange, ""));
            case "notes" -> answer = client.call("PUT", ticketPath(exchange, "/notes"), body(exchange));
            case "returnptn" -> answer = client.call("PUT", ticketPath(exchange, "/returnptn"), body(exchange));
            case "approve" -> answer = client.call("POST", ticketPath(exchange, "/approve"), body(exchange));
            case "reject" -> answer = client.call("POST", ticketPath(exchange, "/reject"), body(exchange));
            case "get" -> answer = client.call("GET", ticketPath(exchange, ""), null);
            case "attach" -> {
                String fileName = in.getHeader(FILE_NAME, String.class);
                byte[] content = in.getBody(byte[].class);
                if (fileName == null || fileName.isBlank() || content == null) {
                    throw new IllegalArgumentException("ensono:attach needs header " + FILE_NAME
                            + " and the file's bytes as the body");
                }
                String number = in.getHeader(TICKET_NUMBER, String.class);
                if (number == null || number.isBlank()) {
                    throw new IllegalArgumentException("Header " + TICKET_NUMBER + " is required for ensono:attach");
                }
                client.uploadAttachment(number, fileName, in.getHeader(Exchange.CONTENT_TYPE, String.class), content);
                answer = Json.object().put("uploaded", fileName).put("size", content.length);
            }
            default -> throw new IllegalArgumentException("Unknown ensono operation " + op);
        }
        in.setHeader(ConnectorHeaders.RESULT_STATUS, 200);
        in.setBody(Json.write(answer));
    }

    /** Invalid group: resend once with the default group (the guide's error rule), then give up. */
    private JsonNode sendWithGroupFallback(Exchange exchange, EnsonoClient client, String method, String path) {
        ObjectNode body = body(exchange);
        try {
            return client.call(method, path, body);
        } catch (EnsonoInvalidGroupException e) {
            String fallback = exchange.getMessage().getHeader(DEFAULT_GROUP, getEndpoint().getDefaultGroup(),
                    String.class);
            JsonNode payload = body.path("payload");
            if (fallback == null || fallback.isBlank() || !payload.isObject()
                    || fallback.equals(payload.path("group").asText(null))) {
                throw e;
            }
            LOG.warn("Ensono rejected group '{}' for {}; resending once with the default group '{}'",
                    payload.path("group").asText(""), payload.path("clientTicketNumber").asText(""), fallback);
            ((ObjectNode) payload).put("group", fallback);
            exchange.getMessage().setHeader(GROUP_FALLBACK, fallback);
            return client.call(method, path, body);
        }
    }

    private static ObjectNode body(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        JsonNode node = text == null ? null : Json.read(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("ensono: the body must be a JSON object {\"payload\":{...}}");
        }
        return (ObjectNode) node;
    }

    private static String ticketPath(Exchange exchange, String suffix) {
        String number = exchange.getMessage().getHeader(TICKET_NUMBER, String.class);
        if ((number == null || number.isBlank()) && "".equals(suffix)) {
            // POST /api/integrations/{id}/execute {"action":"get","parameters":{"ticket_number":"e-CS..."}}
            String body = exchange.getMessage().getBody(String.class);
            number = body == null ? null : Json.read(body).path("ticket_number").asText(null);
        }
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("Header " + TICKET_NUMBER + " is required for this operation");
        }
        return "/tickets/" + EnsonoClient.segment(number) + suffix;
    }
}
