package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The dev-only {@code GET /tickets/{n}} answer: ServiceNow field names under {@code Response.incident}, a
 * subset of the guide's sample. {@code comments} and {@code attachments} are keyed by id/file name - the
 * guide's sample only shows them empty, so their inner shape is the simulator's guess.
 */
final class TicketView {

    private static final Map<String, String> STATES = Map.of(
            "open", "Open", "workinprogress", "Work in Progress", "pending", "Pending",
            "resolved", "Resolved", "closed", "Closed", "cancelled", "Cancelled");
    private static final DateTimeFormatter SNOW_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private TicketView() {
    }

    static ObjectNode of(JsonNode ticket) {
        ObjectNode root = Json.object();
        ObjectNode response = root.putObject("Response");
        response.putObject("task_ci");
        ObjectNode attachments = response.putObject("attachments");
        ticket.path("attachments").forEach(a -> attachments.putObject(a.path("fileName").asText())
                .put("content_type", a.path("contentType").asText())
                .put("size_bytes", a.path("size").asText()));
        ObjectNode comments = response.putObject("comments");
        ticket.path("comments").forEach(c -> comments.putObject(c.path("id").asText())
                .put("value", c.path("body").asText())
                .put("sys_created_by", c.path("commenter").asText())
                .put("sys_created_on", snowTime(c.path("commentTime").asText())));
        ObjectNode incident = response.putObject("incident");
        String number = ticket.path("ticketNumber").asText();
        incident.put("number", number.startsWith("e-") ? number.substring(2) : number);
        incident.put("company", ticket.path("clientName").asText());
        incident.put("u_case_type", ticket.path("ticketType").asText());
        incident.put("state", STATES.getOrDefault(ticket.path("status").asText(), ticket.path("status").asText()));
        incident.put("short_description", ticket.path("shortDescription").asText());
        incident.put("description", ticket.path("description").asText());
        incident.put("assignment_group", ticket.path("ensonoGroup").asText());
        incident.put("priority", ticket.path("priority").asText());
        incident.put("impact", ticket.path("impact").asText());
        incident.put("urgency", ticket.path("urgency").asText());
        incident.put("category", ticket.path("category").asText());
        incident.put("contact", ticket.path("contactName").asText());
        incident.put("opened_at", snowTime(ticket.path("openedTime").asText()));
        incident.put("sys_updated_on", snowTime(ticket.path("updatedOn").asText()));
        incident.put("x_aito_data_sync_client_number", ticket.path("clientTicketNumber").asText());
        incident.put("closeNotes", ticket.path("closeNotes").asText(""));
        incident.put("closeCode", ticket.path("closeCode").asText(""));
        return root;
    }

    private static String snowTime(String iso) {
        try {
            return SNOW_TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
