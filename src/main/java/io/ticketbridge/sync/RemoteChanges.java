package io.ticketbridge.sync;

import io.ticketbridge.connector.DeskMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.store.ConflictStore;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.LinkStore;
import org.jdbi.v3.core.Handle;

/**
 * Applies what changed at the vendor to the hub ticket (origin = the integration, so it is not
 * echoed back), records conflicts, and closes conflicts whose sides converged. One transaction.
 */
public final class RemoteChanges {

    private final Hub hub;
    private final TicketService tickets;

    public RemoteChanges(Hub hub, TicketService tickets) {
        this.hub = hub;
        this.tickets = tickets;
    }

    /** Push path: the snapshot is written after the vendor accepted our write. */
    public Reconciler.Outcome reconcileAndApply(Integration integration, Ticket ticket, LinkStore.Link link,
                                                DeskMapper mapper, List<FieldMapping> mappings, JsonNode remote) {
        return hub.jdbi.inTransaction(h -> apply(h, integration, ticket, link, mapper, mappings, remote, false));
    }

    /** Pull path: nothing is sent, so local-only changes keep their old snapshot value (and get pushed later). */
    public Reconciler.Outcome pull(Integration integration, Ticket ticket, LinkStore.Link link, DeskMapper mapper,
                                   List<FieldMapping> mappings, JsonNode remote) {
        return hub.jdbi.inTransaction(h -> apply(h, integration, ticket, link, mapper, mappings, remote, true));
    }

    private Reconciler.Outcome apply(Handle h, Integration integration, Ticket ticket, LinkStore.Link link,
                                     DeskMapper mapper, List<FieldMapping> mappings, JsonNode remote,
                                     boolean pullOnly) {
        Ticket current = hub.tickets.get(h, null, ticket.id()).orElse(ticket);
        Map<String, Object> remoteFields = mapper.toCanonical(remote, mappings);
        Reconciler.Outcome outcome = Reconciler.reconcile(mapper, mappings, current.fields(), remoteFields,
                link.snapshot());
        if (!outcome.toApply().isEmpty()) {
            Map<String, Object> changes = new LinkedHashMap<>(outcome.toApply());
            if (changes.containsKey(TicketFields.CUSTOM_FIELDS)) {
                // the vendor only knows the mapped custom fields: merge, never drop the others
                Map<String, Object> merged = new LinkedHashMap<>(current.customFields());
                Object remoteCustom = changes.get(TicketFields.CUSTOM_FIELDS);
                if (remoteCustom instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> merged.put(String.valueOf(k), v));
                }
                changes.put(TicketFields.CUSTOM_FIELDS, merged);
            }
            if (changes.containsKey(TicketFields.STATUS) && changes.get(TicketFields.STATUS) == null) {
                changes.remove(TicketFields.STATUS);
            }
            if (!changes.isEmpty()) {
                tickets.update(h, current, changes, integration.id());
            }
        }
        for (Map.Entry<String, Object[]> c : outcome.conflicts().entrySet()) {
            Object[] v = c.getValue();
            hub.conflicts.record(h, integration.spaceId(), integration.id(), ticket.id(), c.getKey(), v[0], v[1], v[2]);
        }
        for (ConflictStore.Conflict open : hub.conflicts.list(h, integration.id(), ticket.id(), ConflictStore.OPEN)) {
            if (!outcome.conflicts().containsKey(open.field())) {
                hub.conflicts.resolve(h, open.id(), "converged", outcome.snapshot().get(open.field()));
            }
        }
        if (pullOnly) {
            Map<String, Object> snapshot = new LinkedHashMap<>(outcome.snapshot());
            for (String sentLater : outcome.toSend().keySet()) {
                if (link.snapshot().containsKey(sentLater)) {
                    snapshot.put(sentLater, link.snapshot().get(sentLater));
                } else {
                    snapshot.remove(sentLater);
                }
            }
            hub.links.update(h, link.id(), null, mapper.remoteNumber(remote), snapshot);
        }
        return outcome;
    }
}
