package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;

/** Small mutations of stored tickets shared by the client API and the agent; callers hold the ticket's monitor. */
final class Tickets {

    private static final String UPLOAD_PREFIX = "inbound/";

    private Tickets() {
    }

    /** Appends a comment with a ServiceNow-style 32-hex sys_id and returns it. */
    static ObjectNode addComment(ObjectNode ticket, JsonNode source, String origin, SimTime time) {
        ObjectNode comment = Json.object();
        comment.put("id", UUID.randomUUID().toString().replace("-", ""));
        comment.put("body", text(source, "body"));
        comment.put("commenter", text(source, "commenter"));
        comment.put("commenterEmail", text(source, "commenterEmail"));
        comment.put("commenterPhone", text(source, "commenterPhone"));
        String commentTime = Json.text(source, "commentTime");
        comment.put("commentTime", commentTime == null ? time.isoNow() : commentTime);
        comment.put("origin", origin);
        comments(ticket).add(comment);
        return comment;
    }

    static void addAttachment(ObjectNode ticket, String fileName, String contentType, long size, String origin) {
        ArrayNode attachments = ticket.withArray("attachments");
        attachments.addObject()
                .put("fileName", fileName)
                .put("contentType", contentType)
                .put("size", size)
                .put("origin", origin);
    }

    /** Storage key of a client upload; the ticket number is recoverable from it with {@link #uploadTicket}. */
    static String uploadKey(String ticketNumber, String fileName) {
        return UPLOAD_PREFIX + ticketNumber + "/" + fileName;
    }

    /** Ticket number and file name of an upload key, or empty for other keys. */
    static Optional<String[]> uploadTicket(String key) {
        if (!key.startsWith(UPLOAD_PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(UPLOAD_PREFIX.length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(new String[] {rest.substring(0, slash), rest.substring(slash + 1)});
    }

    private static ArrayNode comments(ObjectNode ticket) {
        return ticket.withArray("comments");
    }

    private static String text(JsonNode node, String field) {
        String value = Json.text(node, field);
        return value == null ? "" : value;
    }
}
