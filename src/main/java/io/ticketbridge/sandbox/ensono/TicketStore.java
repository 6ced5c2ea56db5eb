package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Ensono-side ticket state, in bridge vocabulary (camelCase field names as in queue bodies).
 *
 * <p>Client calls and agent actions on one ticket run under that ticket's monitor, including the queue
 * publish, so queue order within a message group always matches the order the state changed in.
 */
final class TicketStore {

    private static final String NUMBER_FORMAT = "e-CS%07d";

    private final Map<String, ObjectNode> tickets = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /** Client creates and agent creates share one number range, as they share one ServiceNow table. */
    String nextNumber() {
        return String.format(NUMBER_FORMAT, sequence.incrementAndGet());
    }

    /** Changes are numbered e-CHG... in Ensono's ServiceNow (the guide's samples); same sequence. */
    String nextChangeNumber() {
        return nextNumber().replaceFirst("^e-CS", "e-CHG");
    }

    void add(ObjectNode ticket) {
        String number = ticket.path("ticketNumber").asText();
        if (tickets.putIfAbsent(number, ticket) != null) {
            throw new IllegalStateException("duplicate ticket number " + number);
        }
    }

    /** Runs {@code action} (which must not return null) holding the ticket's monitor; empty when the ticket is unknown. */
    <T> Optional<T> withTicket(String number, Function<ObjectNode, T> action) {
        ObjectNode ticket = number == null ? null : tickets.get(number);
        if (ticket == null) {
            return Optional.empty();
        }
        synchronized (ticket) {
            return Optional.of(action.apply(ticket));
        }
    }

    Optional<JsonNode> snapshot(String number) {
        return withTicket(number, ObjectNode::deepCopy);
    }

    List<JsonNode> snapshots() {
        List<JsonNode> copies = new ArrayList<>();
        for (String number : tickets.keySet()) {
            snapshot(number).ifPresent(copies::add);
        }
        copies.sort(Comparator.comparing(t -> t.path("ticketNumber").asText()));
        return copies;
    }

    int size() {
        return tickets.size();
    }
}
