package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What an Ensono engineer does in ServiceNow, and the queue transaction the bridge emits for it.
 * State change and publish happen under the ticket's monitor so per-group queue order is the order of
 * the changes.
 */
final class EnsonoAgent {

    private final TicketStore store;
    private final TransactionPublisher publisher;
    private final PresignedStorage storage;
    private final SimTime time;
    private final String clientName;
    private final String defaultGroup;

    EnsonoAgent(TicketStore store, TransactionPublisher publisher, PresignedStorage storage, SimTime time,
                String clientName, String defaultGroup) {
        this.store = store;
        this.publisher = publisher;
        this.storage = storage;
        this.time = time;
        this.clientName = clientName;
        this.defaultGroup = defaultGroup;
    }

    /** Defaults follow the guide's Create sample; {@code fields} override any of them except the number. */
    String create(ObjectNode fields) {
        String now = time.isoNow();
        ObjectNode ticket = Json.object();
        ticket.put("clientName", clientName);
        ticket.put("ticketNumber", store.nextNumber());
        ticket.put("clientTicketNumber", "");
        ticket.put("ticketType", "Incident");
        ticket.put("status", "open");
        ticket.put("description", "Raised by an Ensono engineer");
        ticket.put("shortDescription", "Ensono-raised ticket");
        ticket.put("group", defaultGroup);
        ticket.put("ensonoGroup", "CS - 1st Line");
        ticket.put("priority", "4");
        ticket.put("impact", "3");
        ticket.put("urgency", "3");
        ticket.put("openedTime", now);
        ticket.put("updatedOn", now);
        ticket.put("category", "Private Cloud");
        ticket.put("origin", "Web");
        ticket.put("cis", "");
        ticket.put("createdBy", "ensono");
        ticket.putArray("comments");
        ticket.putArray("attachments");
        if (fields != null) {
            fields.fields().forEachRemaining(e -> {
                if (!"ticketNumber".equals(e.getKey())) {
                    ticket.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        if (PayloadRules.CHANGE.equals(ticket.path("ticketType").asText())) {
            ticket.put("ticketNumber", store.nextChangeNumber());
            ticket.put("approval", "not requested");
            ticket.put("state", "New");
        }
        synchronized (ticket) {
            store.add(ticket);
            publisher.publishFor(ticket, "Create", TransactionBodies.create(ticket));
        }
        return ticket.get("ticketNumber").asText();
    }

    void update(String number, ObjectNode changed) {
        if (changed.has("ticketNumber")) {
            throw new IllegalArgumentException("the ticket number cannot change");
        }
        onOpenTicket(number, ticket -> {
            String now = time.isoNow();
            ticket.setAll(changed.deepCopy());
            ticket.put("updatedOn", now);
            publisher.publishFor(ticket, "Update", TransactionBodies.update(ticket, changed, now));
        });
    }

    void note(String number, String body, String commenter) {
        onOpenTicket(number, ticket -> {
            ObjectNode source = Json.object().put("body", body).put("commenter", commenter)
                    .put("commenterEmail", emailOf(commenter));
            ObjectNode comment = Tickets.addComment(ticket, source, "ensono", time);
            String now = time.isoNow();
            ticket.put("updatedOn", now);
            publisher.publishFor(ticket, "Notes", TransactionBodies.notes(ticket, comment, now));
        });
    }

    void resolve(String number, String closeNotes) {
        onOpenTicket(number, ticket -> {
            if ("resolved".equals(ticket.path("status").asText())) {
                throw new IllegalStateException(number + " is already resolved");
            }
            ticket.put("statusBeforeResolution", ticket.path("status").asText());
            closure(ticket, "resolved", closeNotes, "resolved");
        });
    }

    void close(String number, String closeNotes, String closeCode) {
        onOpenTicket(number, ticket -> closure(ticket, "closed", closeNotes, closeCode));
    }

    /** Back to the status it had before resolution, as a rejected resolution does in ServiceNow. */
    void reopen(String number) {
        onOpenTicket(number, ticket -> {
            if (!"resolved".equals(ticket.path("status").asText())) {
                throw new IllegalStateException(number + " is not resolved");
            }
            String previous = ticket.path("statusBeforeResolution").asText("open");
            ticket.put("status", previous.isEmpty() ? "open" : previous);
            ticket.remove(List.of("closeNotes", "closeCode", "statusBeforeResolution"));
            String now = time.isoNow();
            ticket.put("updatedOn", now);
            ObjectNode changed = Json.object().put("status", ticket.get("status").asText());
            publisher.publishFor(ticket, "Update", TransactionBodies.update(ticket, changed, now));
        });
    }

    /**
     * A Change (created with ticketType Change) goes to the client's approver: an Approval Request with a
     * fresh approvalId, which the client's {@code POST /tickets/{n}/approve|reject} must name.
     */
    String requestApproval(String number, String approverName, String approverEmail) {
        String[] id = new String[1];
        onOpenTicket(number, ticket -> {
            requireChange(ticket, number);
            id[0] = UUID.randomUUID().toString().replace("-", "");
            ticket.put("approval", "requested");
            ticket.put("state", "Authorize");
            ticket.put("approvalId", id[0]);
            ticket.put("approverName", approverName);
            ticket.put("approverEmail", approverEmail);
            ticket.put("updatedOn", time.isoNow());
            publisher.publishFor(ticket, "Approval Request", TransactionBodies.approvalRequest(ticket));
        });
        return id[0];
    }

    /** The Change goes back to draft: state New, approval not requested, any pending approval withdrawn. */
    void redraft(String number) {
        onOpenTicket(number, ticket -> {
            requireChange(ticket, number);
            String now = time.isoNow();
            ticket.put("approval", "not requested");
            ticket.put("state", "New");
            ticket.remove("approvalId");
            ticket.put("updatedOn", now);
            publisher.publishFor(ticket, "Redraft", TransactionBodies.redraft(ticket, now));
        });
    }

    private static void requireChange(ObjectNode ticket, String number) {
        if (!PayloadRules.CHANGE.equals(ticket.path("ticketType").asText())) {
            throw new IllegalStateException(number + " is not a Change");
        }
    }

    /** A public attachment added in ServiceNow; the body links a 24 h pre-signed GET on the simulator. */
    void attach(String number, String fileName, String contentType, byte[] content) {
        onOpenTicket(number, ticket -> {
            String id = UUID.randomUUID().toString().replace("-", "");
            String key = "outbound/" + id + "/" + fileName;
            storage.put(key, content, contentType);
            String url = storage.presign("GET", key, PresignedStorage.DOWNLOAD_TTL);
            Tickets.addAttachment(ticket, fileName, contentType, content.length, "ensono");
            ticket.put("updatedOn", time.isoNow());
            publisher.publishFor(ticket, "Attachment", TransactionBodies.attachment(ticket, fileName,
                    "https://ensono-sim.invalid/api/now/attachment/" + id, content.length, contentType, url));
        });
    }

    private void closure(ObjectNode ticket, String status, String closeNotes, String closeCode) {
        String now = time.isoNow();
        ticket.put("status", status);
        ticket.put("closeNotes", closeNotes);
        ticket.put("closeCode", closeCode);
        ticket.put("updatedOn", now);
        ObjectNode changed = Json.object().put("status", status).put("closeNotes", closeNotes).put("closeCode", closeCode);
        publisher.publishFor(ticket, "Closure", TransactionBodies.closure(ticket, changed, now));
    }

    /** ServiceNow makes closed tickets read-only, for agents as for the bridge. */
    private void onOpenTicket(String number, Consumer<ObjectNode> action) {
        store.withTicket(number, ticket -> {
            if ("closed".equals(ticket.path("status").asText())) {
                throw new IllegalStateException(number + " is closed");
            }
            action.accept(ticket);
            return Boolean.TRUE;
        }).orElseThrow(() -> new NoSuchElementException("unknown ticket " + number));
    }

    private static String emailOf(String commenter) {
        String local = commenter == null || commenter.isBlank() ? "ensono.agent"
                : commenter.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".");
        return local + "@ensono.example";
    }
}
