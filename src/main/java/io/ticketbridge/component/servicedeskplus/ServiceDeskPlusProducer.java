package io.ticketbridge.component.servicedeskplus;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.component.support.ConnectorSupport;
import io.ticketbridge.connector.ConnectorHeaders;
import io.ticketbridge.connector.DeskOperation;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/** Performs servicedeskplus operations; writes drop the request's cached reads. */
final class ServiceDeskPlusProducer extends DefaultProducer {

    static final String PLATFORM = "servicedeskplus";
    public static final String REQUEST_ID = "SdpRequestId";
    static final String GENERIC_REMOTE_ID = ConnectorHeaders.REMOTE_ID;
    public static final String ITEM_ID = "SdpItemId";
    public static final String FILE_NAME = "SdpFileName";
    public static final String CONTENT_TYPE = "SdpContentType";

    ServiceDeskPlusProducer(ServiceDeskPlusEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ServiceDeskPlusEndpoint getEndpoint() {
        return (ServiceDeskPlusEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        ServiceDeskPlusEndpoint ep = getEndpoint();
        Integration integration = ConnectorSupport.integration(exchange, PLATFORM);
        Map<String, String> creds = ConnectorSupport.directory(ep.getCamelContext()).credentials(integration);
        SdpClient client = new SdpClient(ConnectorSupport.http(ep.getCamelContext()), ep.getComponent().auth(),
                integration, creds, ConnectorSupport.timeout(integration, ep.getTimeoutMillis()));
        Message m = exchange.getMessage();
        String op = vendorOperation(ep.getOperation());
        boolean cloud = SdpAuth.isCloud(integration);
        SdpCache cache = ep.getComponent().cache();
        String iid = integration.id();
        if ("test".equals(op)) {
            ObjectNode info = Json.object();
            info.putObject("list_info").put("row_count", 1);
            client.get("/requests", info);
            m.setBody("{\"ok\":true}");
            return;
        }
        if ("createRequest".equals(op)) {
            JsonNode created;
            try {
                created = client.post("/requests", wrap("request", body(m))).path("request");
            } catch (DeskUnavailableException e) {
                if (e.statusCode() != 0) {
                    throw e;
                }
                // no answer: SDP may still create it. Retry late enough for it to show in a search,
                // so the retry adopts it instead of creating a second request.
                throw new DeskUnavailableException(e.getMessage() + " (create outcome unknown)", 0,
                        java.time.Duration.ofMillis(integration.configInt("uncertain_create_retry_ms", 60_000)), e);
            }
            m.setHeader(REQUEST_ID, created.path("id").asText());
            m.setBody(Json.write(created));
            return;
        }
        if ("listRequests".equals(op)) {
            ObjectNode listInfo = body(m).has("list_info") ? (ObjectNode) body(m).get("list_info") : body(m);
            if (ep.getMaxRows() > 1) {
                ArrayNode all = client.listAll("/requests", "requests", listInfo, ep.getMaxRows());
                ObjectNode out = Json.object();
                out.set("requests", all);
                m.setBody(Json.write(out));
            } else {
                m.setBody(Json.write(client.get("/requests", wrap("list_info", listInfo))));
            }
            return;
        }
        String id = requestId(m);
        String base = "/requests/" + id;
        boolean cached = ep.isUseCache() && !m.getHeader("SdpFresh", false, Boolean.class)
                && !m.getHeader(ConnectorHeaders.FRESH, false, Boolean.class);
        if (!cached && (op.startsWith("get") || op.startsWith("list"))) {
            // someone needed the vendor's current state: whatever we cached for this request may be stale
            cache.invalidate(iid, id);
        }
        JsonNode out = switch (op) {
            case "getRequest" -> cached
                    ? cache.get(iid, id, SdpCache.Kind.REQUEST, () -> client.get(base, null).path("request"))
                    : client.get(base, null).path("request");
            case "listNotes" -> cached
                    ? cache.get(iid, id, SdpCache.Kind.NOTES, () -> notes(client, base))
                    : notes(client, base);
            case "listWorklogs" -> cached
                    ? cache.get(iid, id, SdpCache.Kind.WORKLOGS, () -> client.get(base + "/worklogs", null))
                    : client.get(base + "/worklogs", null);
            case "listAttachments" -> cached
                    ? cache.get(iid, id, SdpCache.Kind.ATTACHMENTS, () -> client.get(base + "/attachments", null))
                    : client.get(base + "/attachments", null);
            case "getResolution" -> client.get(base + "/resolutions", null);
            case "listLinks" -> client.get(base + "/link_requests", null);
            case "downloadAttachment" -> null;
            default -> write(client, op, base, m, cloud);
        };
        if ("downloadAttachment".equals(op)) {
            String item = m.getHeader(ITEM_ID, m.getHeader(ConnectorHeaders.ITEM_ID, String.class), String.class);
            if (item == null || item.isBlank()) {
                throw new IllegalArgumentException("Header " + ITEM_ID + " (attachment id) is required");
            }
            m.setBody(client.download(base + "/attachments/" + item + "/download"));
            return;
        }
        if (!op.startsWith("get") && !op.startsWith("list")) {
            cache.invalidate(iid, id);
        }
        m.setBody(Json.write(out));
    }

    /** SDP's own names for the canonical desk operations (both are accepted). */
    private static final Map<String, String> VENDOR_NAMES = Map.ofEntries(
            Map.entry(DeskOperation.CREATE_TICKET, "createRequest"), Map.entry(DeskOperation.GET_TICKET, "getRequest"),
            Map.entry(DeskOperation.UPDATE_TICKET, "updateRequest"),
            Map.entry(DeskOperation.DELETE_TICKET, "deleteRequest"),
            Map.entry(DeskOperation.LIST_TICKETS, "listRequests"), Map.entry(DeskOperation.CLOSE_TICKET, "closeRequest"),
            Map.entry(DeskOperation.ADD_COMMENT, "addNote"), Map.entry(DeskOperation.LIST_COMMENTS, "listNotes"),
            Map.entry(DeskOperation.ADD_TIME_LOG, "addWorklog"), Map.entry(DeskOperation.LIST_TIME_LOGS, "listWorklogs"),
            Map.entry(DeskOperation.LINK_TICKETS, "linkRequests"));

    static String vendorOperation(String op) {
        return VENDOR_NAMES.getOrDefault(op, op);
    }

    private static JsonNode write(SdpClient client, String op, String base, Message m, boolean cloud) {
        return switch (op) {
            case "updateRequest" -> client.put(base, wrap("request", body(m))).path("request");
            case "deleteRequest" -> cloud ? client.delete(base, null) : client.delete(base + "/move_to_trash", null);
            case "addNote" -> {
                String root = cloud ? "request_note" : "note";
                JsonNode r = client.post(base + "/notes", wrap(root, body(m)));
                yield r.has(root) ? r.get(root) : r.path("note");
            }
            case "addWorklog" -> client.post(base + "/worklogs", wrap("worklog", body(m))).path("worklog");
            case "uploadAttachment" -> client.upload(requestId(m),
                    m.getHeader(FILE_NAME, m.getHeader("TicketBridgeFileName", String.class), String.class),
                    m.getHeader(CONTENT_TYPE, m.getHeader("TicketBridgeContentType", "application/octet-stream",
                            String.class), String.class), m.getBody(byte[].class));
            case "setResolution" -> client.post(base + "/resolutions", wrap("resolution", body(m)));
            case "closeRequest" -> client.put(base + "/close", wrap("request", body(m))).path("request");
            case "linkRequests" -> client.post(base + "/link_requests", body(m));
            default -> throw new IllegalArgumentException("Unsupported operation " + op);
        };
    }

    private static JsonNode notes(SdpClient client, String base) {
        return client.get(base + "/notes", null);
    }

    private static ObjectNode wrap(String root, JsonNode value) {
        ObjectNode o = Json.object();
        o.set(root, value);
        return o;
    }

    private static ObjectNode body(Message m) {
        String text = m.getBody(String.class);
        JsonNode node = text == null || text.isBlank() ? Json.object() : Json.read(text);
        if (!node.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** SdpRequestId, or the generic TicketBridgeRemoteId the sync flows set. */
    private static String requestId(Message m) {
        if (m.getHeader(REQUEST_ID) == null && m.getHeader(GENERIC_REMOTE_ID) != null) {
            m.setHeader(REQUEST_ID, m.getHeader(GENERIC_REMOTE_ID));
        }
        return required(m, REQUEST_ID);
    }

    private static String required(Message m, String header) {
        String v = m.getHeader(header, String.class);
        if (v == null || v.isBlank() || v.contains("/")) {
            throw new IllegalArgumentException("Header " + header + " is required");
        }
        return v;
    }
}
