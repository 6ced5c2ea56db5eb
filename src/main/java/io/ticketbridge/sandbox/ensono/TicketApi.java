package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Client-to-Ensono ticket calls ({@code /tickets...}). Handlers throw {@link BridgeErrors.Rejection} for
 * error answers; success bodies are the guide's {@code {"Response": ...}} strings.
 */
final class TicketApi {

    private static final List<String> UPDATABLE = List.of(
            "description", "shortDescription", "group", "priority", "impact", "urgency", "status", "closeNotes");

    private final PayloadRules rules;
    private final TicketStore store;
    private final TransactionPublisher publisher;
    private final SimTime time;
    private final String clientName;
    private final boolean returnEnsonoNumOnCreate;

    TicketApi(PayloadRules rules, TicketStore store, TransactionPublisher publisher, SimTime time, String clientName,
              boolean returnEnsonoNumOnCreate) {
        this.rules = rules;
        this.store = store;
        this.publisher = publisher;
        this.time = time;
        this.clientName = clientName;
        this.returnEnsonoNumOnCreate = returnEnsonoNumOnCreate;
    }

    SimResponse create(RecordedRequest request) {
        ObjectNode payload = rules.payload(request);
        rules.requireClient(payload);
        String clientTicketNumber = rules.required(payload, "clientTicketNumber");
        String ticketType = rules.ticketType(payload);
        String description = rules.required(payload, "description");
        String shortDescription = rules.required(payload, "shortDescription");
        String contactName = rules.required(payload, "contactName");
        String contactEmail = rules.required(payload, "contactEmail");
        rules.maxLength(payload, "description", PayloadRules.DESCRIPTION_MAX);
        rules.maxLength(payload, "shortDescription", PayloadRules.SHORT_DESCRIPTION_MAX);
        String group = rules.group(payload);
        List<JsonNode> comments = rules.comments(payload, false);

        String now = time.isoNow();
        ObjectNode ticket = Json.object();
        ticket.put("clientName", clientName);
        ticket.put("ticketNumber", store.nextNumber());
        ticket.put("clientTicketNumber", clientTicketNumber);
        ticket.put("ticketType", ticketType);
        ticket.put("status", "open");
        ticket.put("description", description);
        ticket.put("shortDescription", shortDescription);
        ticket.put("group", group == null ? rules.defaultGroup() : group);
        ticket.put("ensonoGroup", group == null ? rules.defaultGroup() : group);
        putPriority(ticket, payload);
        ticket.put("openedTime", now);
        ticket.put("updatedOn", now);
        ticket.put("category", "");
        ticket.put("origin", "Envision Connect");
        ticket.put("cis", Json.text(payload, "cis") == null ? "" : Json.text(payload, "cis"));
        ticket.put("contactName", contactName);
        ticket.put("contactEmail", contactEmail);
        ticket.put("contactPhone", Json.text(payload, "contactPhone") == null ? "" : Json.text(payload, "contactPhone"));
        ticket.put("createdBy", "client");
        ticket.putArray("comments");
        ticket.putArray("attachments");
        comments.forEach(c -> Tickets.addComment(ticket, c, "client", time));
        synchronized (ticket) {
            store.add(ticket);
            if (returnEnsonoNumOnCreate) {
                publisher.publishFor(ticket, "ReturnEnsonoNum", TransactionBodies.returnEnsonoNum(ticket));
            }
        }
        return ok(ticket.get("ticketNumber").asText());
    }

    SimResponse update(String number, RecordedRequest request) {
        ObjectNode payload = rules.payload(request);
        rules.requireClient(payload);
        return store.withTicket(number, ticket -> applyUpdate(ticket, payload))
                .orElseThrow(BridgeErrors::notAuthorizedForTicket);
    }

    /** Only in {@code dev}, per the guide; other environments answer Bad Path. */
    SimResponse get(String number, boolean devEnvironment) {
        if (!devEnvironment) {
            throw BridgeErrors.badPath();
        }
        return store.withTicket(number, ticket -> SimResponse.json(200, TicketView.of(ticket)))
                .orElseThrow(BridgeErrors::notAuthorizedForTicket);
    }

    SimResponse returnPtn(String number, RecordedRequest request) {
        ObjectNode payload = rules.payload(request);
        rules.requireClient(payload);
        String clientTicketNumber = rules.required(payload, "clientTicketNumber");
        return store.withTicket(number, ticket -> {
            rules.ticketTypeOf(payload, ticket);
            ticket.put("clientTicketNumber", clientTicketNumber);
            ticket.put("updatedOn", time.isoNow());
            return ok("PTN added");
        }).orElseThrow(BridgeErrors::notAuthorizedForTicket);
    }

    /** The guide's own samples name the identity field clientTicketNumber or ticketNumber; both are accepted. */
    SimResponse notes(String number, RecordedRequest request) {
        ObjectNode payload = rules.payload(request);
        rules.requireClient(payload);
        if (Json.text(payload, "clientTicketNumber") == null && Json.text(payload, "ticketNumber") == null) {
            throw BridgeErrors.response("Missing required field: clientTicketNumber");
        }
        List<JsonNode> comments = rules.comments(payload, true);
        return store.withTicket(number, ticket -> {
            rules.ticketTypeOf(payload, ticket);
            rejectIfClosed(ticket);
            comments.forEach(c -> Tickets.addComment(ticket, c, "client", time));
            ticket.put("updatedOn", time.isoNow());
            return ok("Comments added");
        }).orElseThrow(BridgeErrors::notAuthorizedForTicket);
    }

    /**
     * {@code POST /tickets/{n}/approve|reject}: the client's answer to an Approval Request. The payload names
     * the approval (the approvalId read from the queue), who decided, and comments; only a Change with that
     * approval pending accepts it. The answers keep the guide's leading space.
     */
    SimResponse approval(String number, RecordedRequest request, boolean approve) {
        ObjectNode payload = rules.payload(request);
        rules.requireClient(payload);
        rules.required(payload, "clientTicketNumber");
        String approver = rules.required(payload, "approver");
        String approvalId = rules.required(payload, "approvalId");
        String type = rules.required(payload, "ticketType");
        if (!PayloadRules.CHANGE.equals(type)) {
            throw BridgeErrors.response("Invalid ticketType: " + type);
        }
        List<JsonNode> comments = rules.comments(payload, false);
        return store.withTicket(number, ticket -> {
            if (!PayloadRules.CHANGE.equals(ticket.path("ticketType").asText())) {
                throw BridgeErrors.response("Ticket " + number + " is not a Change");
            }
            rejectIfClosed(ticket);
            if (!"requested".equals(ticket.path("approval").asText())
                    || !approvalId.equals(ticket.path("approvalId").asText())) {
                throw BridgeErrors.response("No approval " + approvalId + " is pending on " + number);
            }
            String now = time.isoNow();
            ticket.put("approval", approve ? "approved" : "rejected");
            ticket.put("state", approve ? "Scheduled" : "New");
            ticket.remove("approvalId");
            ticket.withArray("approvals").addObject().put("approvalId", approvalId).put("approver", approver)
                    .put("decision", approve ? "approved" : "rejected").put("at", now);
            comments.forEach(c -> Tickets.addComment(ticket, c, "client", time));
            ticket.put("updatedOn", now);
            return ok(approve ? " Approval Received Successfully" : " Rejection Received Successfully");
        }).orElseThrow(BridgeErrors::notAuthorizedForTicket);
    }

    SimResponse attachmentUrl(String number, String fileName, PresignedStorage storage) {
        return store.withTicket(number, ticket -> {
            String url = storage.presign("PUT", Tickets.uploadKey(number, fileName), PresignedStorage.UPLOAD_TTL);
            ObjectNode body = Json.object();
            body.putObject("Response").put("code", 200).put("body", url);
            return SimResponse.json(200, body);
        }).orElseThrow(BridgeErrors::notAuthorizedForTicket);
    }

    private SimResponse applyUpdate(ObjectNode ticket, ObjectNode payload) {
        rules.required(payload, "clientTicketNumber");
        rules.ticketTypeOf(payload, ticket);
        rejectIfClosed(ticket);
        String status = rules.status(payload);
        rules.closeNotesFor(status, payload);
        rules.maxLength(payload, "description", PayloadRules.DESCRIPTION_MAX);
        rules.maxLength(payload, "shortDescription", PayloadRules.SHORT_DESCRIPTION_MAX);
        String group = rules.group(payload);
        List<JsonNode> comments = rules.comments(payload, false);

        if ("resolved".equals(status) && !"resolved".equals(ticket.path("status").asText())) {
            ticket.put("statusBeforeResolution", ticket.path("status").asText());
        }
        for (String field : UPDATABLE) {
            String value = Json.text(payload, field);
            if (value != null) {
                ticket.put(field, switch (field) {
                    case "priority" -> PayloadRules.priority(value);
                    case "impact", "urgency" -> PayloadRules.level(value);
                    default -> value;
                });
            }
        }
        if (group != null) {
            ticket.put("ensonoGroup", group);
        }
        comments.forEach(c -> Tickets.addComment(ticket, c, "client", time));
        ticket.put("updatedOn", time.isoNow());
        return ok("closed".equals(status) ? "Ticket Closed Successfully" : "Update Successful");
    }

    /** Priority style wins over impact/urgency when a client sends both. */
    private static void putPriority(ObjectNode ticket, JsonNode payload) {
        String priority = Json.text(payload, "priority");
        String impact = Json.text(payload, "impact");
        String urgency = Json.text(payload, "urgency");
        if (priority == null && (impact != null || urgency != null)) {
            String i = PayloadRules.level(impact);
            String u = PayloadRules.level(urgency);
            ticket.put("priority", PayloadRules.priorityFrom(i, u));
            ticket.put("impact", i);
            ticket.put("urgency", u);
        } else {
            ticket.put("priority", PayloadRules.priority(priority));
            ticket.put("impact", impact == null ? "" : PayloadRules.level(impact));
            ticket.put("urgency", urgency == null ? "" : PayloadRules.level(urgency));
        }
    }

    private static void rejectIfClosed(JsonNode ticket) {
        if ("closed".equals(ticket.path("status").asText())) {
            throw BridgeErrors.response("Ticket " + ticket.path("ticketNumber").asText() + " is closed and cannot be updated");
        }
    }

    private static SimResponse ok(String message) {
        return SimResponse.json(200, Json.object().put("Response", message));
    }
}
