package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request and everything hanging off it. Only touched while holding the {@link SdpStore} lock. */
final class TicketRecord {

    record StoredAttachment(ObjectNode meta, byte[] content) {
    }

    final ObjectNode request;
    final Map<String, ObjectNode> notes = new LinkedHashMap<>();
    final Map<String, ObjectNode> worklogs = new LinkedHashMap<>();
    final Map<String, StoredAttachment> attachments = new LinkedHashMap<>();
    /** Keyed by the other request's id; links are kept on both sides, as SDP shows them from either request. */
    final Map<String, ObjectNode> links = new LinkedHashMap<>();

    TicketRecord(ObjectNode request) {
        this.request = request;
    }

    String id() {
        return request.get("id").asText();
    }

    /** Replaces the request's fields in place so the record keeps its identity. */
    void replaceRequest(ObjectNode updated) {
        request.removeAll();
        request.setAll(updated);
    }
}
