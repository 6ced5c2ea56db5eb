package io.ticketbridge.ensono;

import io.ticketbridge.dataformat.ensono.EnsonoPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.dataformat.ensono.EnsonoTicketMapper;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.queue.MessageApplier.Result;
import io.ticketbridge.store.LinkStore;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change approvals, both ways.
 *
 * <p>Inbound: an {@code Approval Request} sets the hub ticket's {@code approval_status} to
 * {@code requested}, adds a comment naming the approver, and remembers the approval (its id, the approver)
 * on the link; a {@code Redraft} withdraws it ({@code approval_status} from the message, "not requested").
 *
 * <p>Outbound: once someone sets the hub ticket's {@code approval_status} to {@code approved} or
 * {@code rejected} while an approval is pending, the ticket's next sync answers it with
 * {@code POST /tickets/{n}/approve} or {@code /reject} (payload: identity, approver, approvalId, a comment),
 * once; whatever else changed goes in a follow-up update.
 */
final class EnsonoApprovals {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoApprovals.class);
    /** Link snapshot keys (underscored: not bridge fields, never part of an update's delta). */
    static final String PENDING_ID = "_approvalId";
    static final String APPROVER = "_approver";
    static final String ANSWERED = "_approvalAnswered";
    /** The plan's delta keys of an approve/reject (what the payload needs). */
    static final String APPROVAL_ID = "approvalId";
    static final String APPROVER_FIELD = "approver";
    static final String COMMENT = "comment";

    private final EnsonoBridge bridge;

    EnsonoApprovals(EnsonoBridge bridge) {
        this.bridge = bridge;
    }

    /** An Approval Request from Ensono: the hub ticket waits for its approver's answer. */
    Result request(Handle h, Integration integration, Ticket t, LinkStore.Link link, JsonNode body) {
        String approvalId = body.path("approvalId").asText("");
        if (approvalId.isBlank()) {
            return Result.skipped("Approval Request without an approvalId");
        }
        String name = body.path("approverName").asText("");
        String email = body.path("approverEmail").asText("");
        bridge.tickets.update(h, t, Map.of(TicketFields.APPROVAL_STATUS, "requested"), integration.id());
        String who = (name + (email.isBlank() ? "" : " <" + email + ">")).trim();
        bridge.tickets.addComment(h, t, "Ensono requests approval of this change"
                + (who.isBlank() ? "" : " from " + who) + " (approval " + approvalId + "). Set approval_status to"
                + " approved or rejected to answer.", "Ensono", null, true, integration.id());
        Map<String, Object> snap = snapshot(h, integration, link);
        snap.put(PENDING_ID, approvalId);
        snap.put(APPROVER, email);
        snap.remove(ANSWERED);
        bridge.hub.links.update(h, link.id(), null, null, snap);
        return Result.applied("approval " + approvalId + " requested");
    }

    /** A Redraft: the change is back in draft and no approval is pending any more. */
    Result redraft(Handle h, Integration integration, Ticket t, LinkStore.Link link, JsonNode body) {
        String approval = body.path("approval").asText("").isBlank() ? "not requested"
                : body.path("approval").asText().toLowerCase(Locale.ROOT);
        bridge.tickets.update(h, t, Map.of(TicketFields.APPROVAL_STATUS, approval), integration.id());
        bridge.tickets.addComment(h, t, "Ensono returned this change to draft (state "
                + body.path("state").asText("New") + ", approval " + approval + ").", "Ensono", null, true,
                integration.id());
        Map<String, Object> snap = snapshot(h, integration, link);
        Object withdrawn = snap.remove(PENDING_ID);
        bridge.hub.links.update(h, link.id(), null, null, snap);
        return Result.applied("redraft" + (withdrawn == null ? "" : ", approval " + withdrawn + " withdrawn"));
    }

    /**
     * The answer to a pending approval, when the hub ticket has one ({@code approval_status} approved or
     * rejected); null otherwise.
     */
    EnsonoPlan plan(Integration integration, Ticket t, LinkStore.Link link, EnsonoTicketMapper.Identity identity,
                    Map<String, String> view, String contact) {
        Object pending = link.snapshot().get(PENDING_ID);
        String status = t.approvalStatus() == null ? "" : t.approvalStatus().trim().toLowerCase(Locale.ROOT);
        String operation = switch (status) {
            case "approved" -> "approve";
            case "rejected" -> "reject";
            default -> null;
        };
        if (pending == null || pending.toString().isBlank() || operation == null) {
            return null;
        }
        String approver = String.valueOf(link.snapshot().getOrDefault(APPROVER, ""));
        if (approver.isBlank()) {
            approver = integration.configText("approver_email", contact);
        }
        String comment = approver + ("approve".equals(operation) ? " approved" : " rejected") + " Change Request "
                + identity.clientTicketNumber();
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put(APPROVAL_ID, pending.toString());
        answer.put(APPROVER_FIELD, approver);
        answer.put(COMMENT, comment);
        return new EnsonoPlan(operation, integration.id(), identity, t, view, answer, List.of(), link.remoteNumber(),
                contact, null);
    }

    /**
     * After Ensono took the answer: nothing is pending any more, and the same answer is never sent twice; the
     * ticket's other changes follow as an update.
     */
    void recordAnswer(Handle h, EnsonoPlan plan, LinkStore.Link link) {
        close(h, plan, link, plan.operation());
        LOG.info("Answered Ensono approval {} of {} ({}): {}", plan.delta().get(APPROVAL_ID), plan.ensonoNumber(),
                plan.ticket().number(), plan.operation());
    }

    /**
     * Ensono refused the answer: as far as we can tell it is not pending there any more, so it is not sent
     * again; the hub ticket gets a private comment saying so, and the ticket's other changes go on as updates.
     */
    void recordRefused(Handle h, EnsonoPlan plan, String error) {
        Ticket t = plan.ticket();
        bridge.hub.links.byTicket(h, plan.integrationId(), t.id()).ifPresent(link -> {
            close(h, plan, link, "refused");
            bridge.tickets.addComment(h, t, "Ensono refused the " + plan.operation() + " of approval "
                    + plan.delta().get(APPROVAL_ID) + ": " + error, "TicketBridge", null, false, plan.integrationId());
            LOG.warn("Ensono refused the {} of approval {} of {}: {}", plan.operation(),
                    plan.delta().get(APPROVAL_ID), t.number(), error);
        });
    }

    /** The approval is no longer pending: remembered as answered (how), and a sync sends what else changed. */
    private void close(Handle h, EnsonoPlan plan, LinkStore.Link link, String how) {
        Map<String, Object> snap = new LinkedHashMap<>(link.snapshot());
        snap.remove(PENDING_ID);
        snap.put(ANSWERED, plan.delta().get(APPROVAL_ID) + " " + how);
        bridge.hub.links.update(h, link.id(), null, null, snap);
        Ticket t = plan.ticket();
        bridge.enqueueSync(h, t.spaceId(), plan.integrationId(), t.id());
    }

    private Map<String, Object> snapshot(Handle h, Integration integration, LinkStore.Link link) {
        LinkStore.Link current = bridge.hub.links.byTicket(h, integration.id(), link.ticketId()).orElse(link);
        return new LinkedHashMap<>(current.snapshot());
    }
}
