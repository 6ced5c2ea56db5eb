package io.ticketbridge.sync;

import io.ticketbridge.connector.ConnectorHeaders;
import io.ticketbridge.connector.DeskMapper;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.LinkStore;
import org.apache.camel.Exchange;

/** Linking two vendor tickets, and deleting a vendor ticket (bean {@code linkFlow}). */
public final class LinkFlow {

    private final Hub hub;
    private final Desks desks;

    public LinkFlow(Hub hub, Desks desks) {
        this.desks = desks;
        this.hub = hub;
    }

    /** Body becomes the vendor's link request: the other ticket must be linked to this integration too. */
    public void prepareLink(Exchange e) {
        Integration i = SyncContext.integration(e);
        JsonNode payload = e.getProperty("TicketBridgeJobPayload", JsonNode.class);
        String otherRemoteId;
        if (payload.hasNonNull("linked_remote_id")) {
            otherRemoteId = payload.get("linked_remote_id").asText();
        } else {
            String other = payload.path("linked_ticket_id").asText(null);
            otherRemoteId = hub.jdbi.withHandle(h -> hub.links.byTicket(h, i.id(), other)).map(LinkStore.Link::remoteId)
                    .orElseThrow(() -> new DeskRejectedException("the ticket to link with is not linked to this"
                            + " integration; push it first", 0, null));
        }
        e.setProperty("TicketBridgeLinkedRemoteId", otherRemoteId);
        DeskMapper mapper = desks.find(i.platform()).orElseThrow();
        e.getMessage().setBody(Json.write(mapper.linkToRemote(otherRemoteId,
                payload.hasNonNull("comments") ? payload.get("comments").asText() : null)));
    }

    /** Remembers the job payload before load() consumes the body. */
    public void keepPayload(Exchange e) {
        e.setProperty("TicketBridgeJobPayload", SyncContext.bodyJson(e));
    }

    public void recordLinked(Exchange e) {
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        String other = e.getProperty("TicketBridgeLinkedRemoteId", String.class);
        String key = "link:" + Hashes.sha256(t.id() + "|" + other).substring(0, 40);
        hub.jdbi.useTransaction(h -> {
            if (!hub.links.crossed(h, i.id(), t.id(), ActivitySync.LINK, key)) {
                hub.links.recordCrossing(h, i.id(), t.id(), ActivitySync.LINK, key, other, LinkStore.OUT, null);
            }
        });
        SyncContext.report(e).put("action", "linked");
        SyncContext.report(e).put("linked_remote_id", other);
    }

    /** After the vendor deleted its ticket: the link goes, the hub ticket stays. */
    public void recordDeleted(Exchange e) {
        LinkStore.Link link = SyncContext.link(e);
        hub.jdbi.useTransaction(h -> hub.links.delete(h, link.id()));
        SyncContext.report(e).put("action", "deleted");
        e.setProperty(SyncContext.LINK, null);
        SyncContext.report(e).put("remote_id", link.remoteId());
        e.getMessage().removeHeader(ConnectorHeaders.RESULT_STATUS);
    }
}
