package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Queue message bodies in the shapes of the client guide's samples (field order included, since people
 * read these in logs). Built from the stored ticket, which already uses bridge field names.
 */
final class TransactionBodies {

    /** Fields every Create/Update/Closure body carries, in sample order. */
    private static final List<String> TICKET_FIELDS = List.of(
            "clientName", "ticketNumber", "clientTicketNumber", "ticketType", "status", "description",
            "shortDescription", "group", "ensonoGroup", "priority", "impact", "urgency", "openedTime",
            "category", "origin", "cis");
    /** Present on updates only when the ticket has them (pending tickets). */
    private static final List<String> OPTIONAL_UPDATE_FIELDS = List.of("offHoldDate", "statusNextAction");

    private TransactionBodies() {
    }

    static ObjectNode create(JsonNode ticket) {
        return ticketFields(ticket);
    }

    /** Full ticket, plus {@code changed} holding only what changed (and updatedOn). */
    static ObjectNode update(JsonNode ticket, ObjectNode changed, String updatedOn) {
        ObjectNode body = ticketFields(ticket);
        for (String field : OPTIONAL_UPDATE_FIELDS) {
            if (ticket.hasNonNull(field)) {
                body.set(field, ticket.get(field));
            }
        }
        body.set("changed", changedWithTimestamp(changed, updatedOn));
        body.put("updatedOn", updatedOn);
        return body;
    }

    static ObjectNode closure(JsonNode ticket, ObjectNode changed, String updatedOn) {
        ObjectNode body = ticketFields(ticket);
        body.put("closeNotes", ticket.path("closeNotes").asText(""));
        body.put("closeCode", ticket.path("closeCode").asText(""));
        body.set("changed", changedWithTimestamp(changed, updatedOn));
        body.put("updatedOn", updatedOn);
        return body;
    }

    static ObjectNode notes(JsonNode ticket, JsonNode note, String updatedOn) {
        ObjectNode body = identity(ticket);
        body.put("updatedOn", updatedOn);
        ObjectNode notes = body.putObject("notes");
        notes.put("type", "comment");
        notes.set("id", note.get("id"));
        notes.set("body", note.get("body"));
        notes.set("commenter", note.get("commenter"));
        notes.set("commenterEmail", note.get("commenterEmail"));
        return body;
    }

    static ObjectNode attachment(JsonNode ticket, String fileName, String infoUrl, long size, String contentType,
                                 String downloadUrl) {
        ObjectNode body = identity(ticket);
        body.put("attachmentName", fileName);
        body.put("attachmentInfo", infoUrl);
        body.put("attachmentSize", Long.toString(size));
        body.put("attachmentType", contentType);
        body.put("attachment", downloadUrl);
        body.set("group", ticket.get("group"));
        return body;
    }

    /** A Change waiting for the client's approver: the guide's Approval Request sample. */
    static ObjectNode approvalRequest(JsonNode ticket) {
        ObjectNode body = identity(ticket);
        body.set("group", ticket.get("group"));
        body.set("ensonoGroup", ticket.get("ensonoGroup"));
        body.set("description", ticket.get("description"));
        body.put("state", ticket.path("state").asText(""));
        body.put("approvalState", "Requested");
        body.set("approvalId", ticket.get("approvalId"));
        body.set("approverName", ticket.get("approverName"));
        body.set("approverEmail", ticket.get("approverEmail"));
        return body;
    }

    /** A Change sent back to draft (state New, approval not requested): the guide's Redraft sample. */
    static ObjectNode redraft(JsonNode ticket, String updatedOn) {
        ObjectNode body = ticketFields(ticket);
        body.put("updatedOn", updatedOn);
        body.put("approval", ticket.path("approval").asText(""));
        body.put("state", ticket.path("state").asText(""));
        return body;
    }

    /** Sent after a client create, telling the client which Ensono number its ticket got. */
    static ObjectNode returnEnsonoNum(JsonNode ticket) {
        ObjectNode body = Json.object();
        body.set("clientName", ticket.get("clientName"));
        body.set("ticketNumber", ticket.get("ticketNumber"));
        body.set("clientTicketNumber", ticket.get("clientTicketNumber"));
        body.set("ticketType", ticket.get("ticketType"));
        return body;
    }

    private static ObjectNode identity(JsonNode ticket) {
        ObjectNode body = Json.object();
        body.set("clientName", ticket.get("clientName"));
        body.set("clientTicketNumber", ticket.get("clientTicketNumber"));
        body.set("ticketType", ticket.get("ticketType"));
        body.set("ticketNumber", ticket.get("ticketNumber"));
        return body;
    }

    private static ObjectNode ticketFields(JsonNode ticket) {
        ObjectNode body = Json.object();
        for (String field : TICKET_FIELDS) {
            JsonNode value = ticket.get(field);
            body.put(field, value == null || value.isNull() ? "" : value.asText());
        }
        return body;
    }

    private static ObjectNode changedWithTimestamp(ObjectNode changed, String updatedOn) {
        ObjectNode result = Json.object().put("updatedOn", updatedOn);
        result.setAll(changed);
        return result;
    }
}
