package io.ticketbridge.sync;

import io.ticketbridge.connector.ConnectorHeaders;

import io.ticketbridge.connector.DeskMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Attachment;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.LinkStore;
import org.apache.camel.Exchange;

/**
 * Comments, attachments, time logs and resolutions crossing once in each direction (bean
 * {@code activitySync}). The sync ledger records every crossing with the vendor's id, so a retry
 * does not send twice and what we wrote is never read back as new.
 */
public final class ActivitySync {

    public static final String COMMENT = "comment";
    public static final String ATTACHMENT = "attachment";
    public static final String TIME_LOG = "time_log";
    public static final String RESOLUTION = "resolution";
    public static final String LINK = "link";

    private final Hub hub;
    private final Desks desks;
    private final TicketService tickets;

    public ActivitySync(Hub hub, Desks desks, TicketService tickets) {
        this.hub = hub;
        this.desks = desks;
        this.tickets = tickets;
    }

    // ---- hub → vendor -------------------------------------------------------------------------

    public List<Comment> pendingComments(Exchange e) {
        if (!SyncContext.options(e).comments()) {
            return List.of();
        }
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        return hub.jdbi.withHandle(h -> hub.activity.comments(h, t.id()).stream()
                .filter(c -> !i.id().equals(c.origin()) && !hub.links.crossed(h, i.id(), t.id(), COMMENT, c.id()))
                .toList());
    }

    public List<Attachment> pendingAttachments(Exchange e) {
        if (!SyncContext.options(e).attachments()) {
            return List.of();
        }
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        return hub.jdbi.withHandle(h -> hub.activity.attachments(h, t.id()).stream()
                .filter(a -> !i.id().equals(a.origin()) && !hub.links.crossed(h, i.id(), t.id(), ATTACHMENT, a.id()))
                .toList());
    }

    public List<TimeLog> pendingTimeLogs(Exchange e) {
        if (!SyncContext.options(e).timeLogs()) {
            return List.of();
        }
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        return hub.jdbi.withHandle(h -> hub.activity.timeLogs(h, t.id()).stream()
                .filter(l -> !i.id().equals(l.origin()) && !hub.links.crossed(h, i.id(), t.id(), TIME_LOG, l.id()))
                .toList());
    }

    /** The resolution to send, if it changed since we last sent or received it (as a one-item list). */
    public List<Resolution> pendingResolution(Exchange e) {
        if (!SyncContext.options(e).resolution()) {
            return List.of();
        }
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        return hub.jdbi.withHandle(h -> hub.activity.resolution(h, t.id())
                .filter(r -> !i.id().equals(r.origin())
                        && !hub.links.crossed(h, i.id(), t.id(), RESOLUTION, resolutionKey(t.id(), r.content())))
                .map(List::of).orElse(List.of()));
    }

    /** Split step: puts the attachment bytes in the body and its name/type in headers. */
    public void loadAttachment(Exchange e) {
        Attachment a = e.getMessage().getBody(Attachment.class);
        e.setProperty(ConnectorHeaders.ITEM, a);
        byte[] content = hub.jdbi.withHandle(h -> hub.activity.attachmentContent(h, a.ticketId(), a.id()))
                .orElseThrow();
        e.getMessage().setHeader(ConnectorHeaders.FILE_NAME, a.filename());
        e.getMessage().setHeader(ConnectorHeaders.CONTENT_TYPE, a.contentType());
        e.getMessage().setBody(content);
    }

    /** After the vendor accepted an item: the ledger records it with the vendor's id. */
    public void recordSent(Exchange e) {
        Object item = e.getProperty(ConnectorHeaders.ITEM);
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        JsonNode answer = SyncContext.bodyJson(e);
        String remoteId = desks.find(i.platform()).map(m -> m.createdItemId(answer)).orElse(null);
        String type;
        String localId;
        String hash;
        if (item instanceof Comment c) {
            type = COMMENT;
            localId = c.id();
            hash = Hashes.sha256(c.body());
        } else if (item instanceof Attachment a) {
            type = ATTACHMENT;
            localId = a.id();
            hash = a.sha256();
        } else if (item instanceof TimeLog l) {
            type = TIME_LOG;
            localId = l.id();
            hash = Hashes.sha256(l.minutes() + "|" + l.description());
        } else if (item instanceof Resolution r) {
            type = RESOLUTION;
            localId = resolutionKey(t.id(), r.content());
            hash = Hashes.sha256(r.content());
        } else {
            throw new IllegalStateException("Nothing to record: no item in the exchange");
        }
        hub.jdbi.useTransaction(h -> hub.links.recordCrossing(h, i.id(), t.id(), type, localId, remoteId,
                LinkStore.OUT, hash));
        SyncContext.count(e, type + "s_sent");
    }

    // ---- vendor → hub -------------------------------------------------------------------------

    /** Body: the vendor's comment list. New remote comments become hub comments. */
    public void applyRemoteComments(Exchange e) {
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        DeskMapper mapper = desks.find(i.platform()).orElseThrow();
        for (DeskMapper.RemoteComment rc : mapper.comments(SyncContext.bodyJson(e))) {
            boolean added = hub.jdbi.inTransaction(h -> {
                if (hub.links.localIdForRemote(h, i.id(), t.id(), COMMENT, rc.id()).isPresent()) {
                    return false;
                }
                Comment c = tickets.addComment(h, t, rc.body(), rc.author(), rc.email(), rc.isPublic(), i.id());
                hub.links.recordCrossing(h, i.id(), t.id(), COMMENT, c.id(), rc.id(), LinkStore.IN,
                        Hashes.sha256(rc.body()));
                return true;
            });
            if (added) {
                SyncContext.count(e, "comments_received");
            }
        }
    }

    /** Body: the vendor's attachment list. Returns the ones not seen yet (to download). */
    public List<DeskMapper.RemoteAttachment> newRemoteAttachments(Exchange e) {
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        DeskMapper mapper = desks.find(i.platform()).orElseThrow();
        List<DeskMapper.RemoteAttachment> fresh = new ArrayList<>();
        hub.jdbi.useHandle(h -> {
            for (DeskMapper.RemoteAttachment ra : mapper.attachments(SyncContext.bodyJson(e))) {
                if (hub.links.localIdForRemote(h, i.id(), t.id(), ATTACHMENT, ra.id()).isEmpty()) {
                    fresh.add(ra);
                }
            }
        });
        return fresh;
    }

    /** Split step before the download: remembers which remote attachment this is. */
    public void prepareDownload(Exchange e) {
        DeskMapper.RemoteAttachment ra = e.getMessage().getBody(DeskMapper.RemoteAttachment.class);
        e.setProperty(ConnectorHeaders.ITEM, ra);
        e.getMessage().setHeader(ConnectorHeaders.ITEM_ID, ra.id());
        e.getMessage().setHeader("TicketBridgeItemId", ra.id());
    }

    /** Body: the downloaded bytes. Stores the hub attachment and records it. */
    public void storeRemoteAttachment(Exchange e) {
        DeskMapper.RemoteAttachment ra = e.getProperty(ConnectorHeaders.ITEM, DeskMapper.RemoteAttachment.class);
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        byte[] content = e.getMessage().getBody(byte[].class);
        hub.jdbi.useTransaction(h -> {
            if (hub.links.localIdForRemote(h, i.id(), t.id(), ATTACHMENT, ra.id()).isPresent()) {
                return;
            }
            Attachment a = tickets.addAttachment(h, t, ra.name(), ra.contentType(), content, i.id());
            hub.links.recordCrossing(h, i.id(), t.id(), ATTACHMENT, a.id(), ra.id(), LinkStore.IN, a.sha256());
        });
        SyncContext.count(e, "attachments_received");
    }

    /** Body: the vendor's time log list. New entries become hub time logs. */
    public void applyRemoteTimeLogs(Exchange e) {
        Integration i = SyncContext.integration(e);
        Ticket t = SyncContext.ticket(e);
        DeskMapper mapper = desks.find(i.platform()).orElseThrow();
        for (DeskMapper.RemoteTimeLog rl : mapper.timeLogs(SyncContext.bodyJson(e))) {
            hub.jdbi.useTransaction(h -> {
                Optional<String> seen = hub.links.localIdForRemote(h, i.id(), t.id(), TIME_LOG, rl.id());
                if (seen.isEmpty()) {
                    TimeLog l = tickets.addTimeLog(h, t, rl.minutes(), rl.description(), rl.author(), rl.startedAt(),
                            i.id());
                    hub.links.recordCrossing(h, i.id(), t.id(), TIME_LOG, l.id(), rl.id(), LinkStore.IN,
                            Hashes.sha256(rl.minutes() + "|" + rl.description()));
                }
            });
        }
    }

    /**
     * A resolution written at the vendor becomes the hub ticket's resolution, once; one we sent (in
     * the ledger) or the one the hub already has is left alone.
     */
    public void applyRemoteResolution(Integration i, Ticket t, String content) {
        if (content == null || content.isBlank()) {
            return;
        }
        String key = resolutionKey(t.id(), content);
        hub.jdbi.useTransaction(h -> {
            boolean same = hub.activity.resolution(h, t.id()).map(r -> content.equals(r.content())).orElse(false);
            if (same || hub.links.crossed(h, i.id(), t.id(), RESOLUTION, key)) {
                return;
            }
            Resolution r = hub.activity.setResolution(h, t.id(), content, null, i.id());
            hub.links.recordCrossing(h, i.id(), t.id(), RESOLUTION, key, null, LinkStore.IN, Hashes.sha256(content));
            Ticket current = hub.tickets.get(h, null, t.id()).orElse(t);
            for (var l : hub.listeners()) {
                l.resolutionSet(h, current, r);
            }
        });
    }

    static String resolutionKey(String ticketId, String content) {
        return "res:" + Hashes.sha256(ticketId + "|" + content).substring(0, 40);
    }
}
