package io.ticketbridge.sync;

import java.util.Set;

import io.ticketbridge.model.Attachment;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.LinkStore;
import io.ticketbridge.store.HubListener;
import org.jdbi.v3.core.Handle;

/**
 * Keeps linked desk tickets in step: any hub change to a ticket linked to a desk integration
 * enqueues a push (in the same transaction), unless the change came from that integration or the
 * integration has {@code auto_sync: false}.
 */
public final class DeskListener implements HubListener {

    private final Hub hub;
    private final Desks desks;
    private final SyncJobs jobs;

    public DeskListener(Hub hub, Desks desks, SyncJobs jobs) {
        this.hub = hub;
        this.desks = desks;
        this.jobs = jobs;
    }

    @Override
    public void ticketUpdated(Handle h, Ticket before, Ticket after, Set<String> changed, String origin) {
        changed(h, after, origin);
    }

    @Override
    public void commentAdded(Handle h, Ticket ticket, Comment comment) {
        changed(h, ticket, comment.origin());
    }

    @Override
    public void commentsAdded(Handle h, Ticket ticket, java.util.List<Comment> comments) {
        comments.stream().map(Comment::origin).distinct().forEach(origin -> changed(h, ticket, origin));
    }

    @Override
    public void attachmentAdded(Handle h, Ticket ticket, Attachment attachment) {
        changed(h, ticket, attachment.origin());
    }

    @Override
    public void timeLogAdded(Handle h, Ticket ticket, TimeLog timeLog) {
        changed(h, ticket, timeLog.origin());
    }

    @Override
    public void resolutionSet(Handle h, Ticket ticket, Resolution resolution) {
        changed(h, ticket, resolution.origin());
    }

    /** One light query per change: the ticket's linked integrations, without snapshots or credentials. */
    private void changed(Handle h, Ticket ticket, String origin) {
        for (LinkStore.LinkedIntegration i : hub.links.enabledIntegrationsOf(h, ticket.id())) {
            if (i.integrationId().equals(origin) || !desks.isDesk(i.platform())) {
                continue;
            }
            JsonNode autoSync = Json.readObject(i.configJson()).get("auto_sync");
            if (autoSync == null || !autoSync.isBoolean() || autoSync.asBoolean()) {
                jobs.enqueuePush(h, i.spaceId(), i.integrationId(), ticket.id());
            }
        }
    }
}
