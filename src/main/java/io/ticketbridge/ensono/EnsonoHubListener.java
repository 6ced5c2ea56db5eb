package io.ticketbridge.ensono;

import java.util.Set;

import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.HubListener;
import org.jdbi.v3.core.Handle;

/**
 * Triggering: decides, inside the transaction of a hub change, whether the ticket bridges to each
 * Ensono integration of its space, and if so queues a {@code sync} job in that same transaction. The
 * job works out at send time whether it is a create (no Ensono number yet) or an update (only what
 * changed), so one queued job covers any number of changes made before it runs. Changes that came
 * from an integration (origin = its id) are never sent back to it.
 */
public final class EnsonoHubListener implements HubListener {

    private final EnsonoBridge bridge;

    public EnsonoHubListener(EnsonoBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void ticketCreated(Handle h, Ticket ticket, String origin) {
        trigger(h, ticket, origin);
    }

    @Override
    public void ticketUpdated(Handle h, Ticket before, Ticket after, Set<String> changed, String origin) {
        trigger(h, after, origin);
    }

    @Override
    public void commentAdded(Handle h, Ticket ticket, Comment comment) {
        trigger(h, ticket, comment.origin());
    }

    @Override
    public void commentsAdded(Handle h, Ticket ticket, java.util.List<Comment> comments) {
        comments.stream().map(Comment::origin).distinct().forEach(origin -> trigger(h, ticket, origin));
    }

    @Override
    public void attachmentAdded(Handle h, Ticket ticket, io.ticketbridge.model.Attachment attachment) {
        trigger(h, ticket, attachment.origin());
    }

    @Override
    public void resolutionSet(Handle h, Ticket ticket, Resolution resolution) {
        trigger(h, ticket, resolution.origin());
    }

    private void trigger(Handle h, Ticket ticket, String origin) {
        for (Integration i : bridge.integrations(h, ticket.spaceId())) {
            if (i.id().equals(origin)) {
                continue;
            }
            boolean linked = bridge.hub.links.byTicket(h, i.id(), ticket.id()).isPresent();
            if (!linked && !bridge.rules().inScope(ticket)) {
                continue;
            }
            bridge.enqueueSync(h, ticket.spaceId(), i.id(), ticket.id());
        }
    }
}
