package io.ticketbridge.sync;

import io.ticketbridge.connector.ConnectorHeaders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.LinkStore;
import org.apache.camel.Exchange;

/** The sync state a flow carries between its steps, as exchange properties. */
public final class SyncContext {

    static final String TICKET = "TicketBridgeTicket";
    static final String LINK = "TicketBridgeLink";
    static final String INTEGRATION = "TicketBridgeIntegration";
    static final String REPORT = "TicketBridgeSyncReport";
    static final String REMOTE = "TicketBridgeRemote";

    /** Options of a push job (the seed's push body). */
    public record PushOptions(boolean fields, boolean comments, boolean attachments, boolean timeLogs,
                              boolean resolution, String template, boolean requireLink) {

        static PushOptions of(String kind, JsonNode payload) {
            boolean push = "push".equals(kind) || "update".equals(kind);
            return new PushOptions(push,
                    flag(payload, "syncComments", push) || "comment".equals(kind),
                    flag(payload, "syncAttachments", push) || "attachment".equals(kind),
                    flag(payload, "syncTimeLogs", push) || "time_log".equals(kind),
                    flag(payload, "syncResolution", push) || "resolution".equals(kind),
                    payload.hasNonNull("template") ? payload.get("template").asText() : null,
                    !"push".equals(kind));
        }

        private static boolean flag(JsonNode payload, String name, boolean fallback) {
            return payload.has(name) ? payload.get(name).asBoolean(fallback) : fallback;
        }
    }

    private SyncContext() {
    }

    static Ticket ticket(Exchange e) {
        return e.getProperty(TICKET, Ticket.class);
    }

    static LinkStore.Link link(Exchange e) {
        return e.getProperty(LINK, LinkStore.Link.class);
    }

    static Integration integration(Exchange e) {
        return e.getProperty(INTEGRATION, Integration.class);
    }

    @SuppressWarnings("unchecked")
    static List<FieldMapping> mappings(Exchange e) {
        return e.getProperty(ConnectorHeaders.MAPPINGS, List.class);
    }

    static PushOptions options(Exchange e) {
        return e.getProperty(ConnectorHeaders.OPTIONS, PushOptions.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> report(Exchange e) {
        Map<String, Object> r = e.getProperty(REPORT, Map.class);
        if (r == null) {
            r = new LinkedHashMap<>();
            e.setProperty(REPORT, r);
        }
        return r;
    }

    static void count(Exchange e, String key) {
        report(e).merge(key, 1, (a, b) -> (Integer) a + (Integer) b);
    }

    static JsonNode bodyJson(Exchange e) {
        String text = e.getMessage().getBody(String.class);
        return text == null || text.isBlank() ? Json.object() : Json.read(text);
    }
}
