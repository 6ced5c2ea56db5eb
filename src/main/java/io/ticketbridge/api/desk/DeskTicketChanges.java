package io.ticketbridge.api.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.TicketInput;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Ticket;

/** Applies ticket field changes given to a desk endpoint, with the same validation as PATCH /api/tickets. */
final class DeskTicketChanges {

    private DeskTicketChanges() {
    }

    static Ticket apply(TicketService tickets, Ticket ticket, ObjectNode fields) {
        TicketInput.Parsed parsed = TicketInput.patch(fields);
        return tickets.update(null, ticket.id(), parsed.fields(), TicketService.ORIGIN_HUB, null)
                .orElseThrow(() -> ApiException.notFound("Ticket " + ticket.id()));
    }
}
