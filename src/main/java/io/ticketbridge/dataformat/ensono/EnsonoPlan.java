package io.ticketbridge.dataformat.ensono;

import java.util.List;
import java.util.Map;

import io.ticketbridge.dataformat.ensono.EnsonoTicketMapper;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Ticket;

/**
 * One outbound transaction, decided from the hub state when the job runs: what to send (the data
 * format turns it into the JSON request) and what to record once Ensono accepted it.
 *
 * @param operation create, update, approve, reject, returnptn, attachments (only new files) or none
 * @param view      the ticket's bridge view now (becomes the link snapshot after success)
 * @param delta     for an update, the view entries that changed since the snapshot; for approve/reject,
 *                  approvalId, approver and comment
 * @param reason    for none, why nothing is sent
 */
public record EnsonoPlan(String operation, String integrationId, EnsonoTicketMapper.Identity identity, Ticket ticket,
                         Map<String, String> view, Map<String, String> delta, List<Comment> comments,
                         String ensonoNumber, String defaultContactEmail, String reason) {

    public EnsonoPlan withOperation(String op) {
        return new EnsonoPlan(op, integrationId, identity, ticket, view, delta, comments, ensonoNumber,
                defaultContactEmail, reason);
    }
}
