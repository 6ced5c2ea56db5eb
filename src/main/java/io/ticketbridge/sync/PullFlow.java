package io.ticketbridge.sync;

import io.ticketbridge.connector.ConnectorHeaders;

import io.ticketbridge.connector.DeskMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.LinkStore;
import org.apache.camel.Exchange;

/**
 * The pull side of a desk flow (bean {@code pullFlow}): tickets changed at the vendor since the
 * last pull are applied to the hub (conflicts recorded), new vendor tickets are imported when the
 * integration says so, and the cursor moves forward only after the batch is applied.
 */
public final class PullFlow {

    static final String CURSOR = "pull_cursor";
    private static final String CURSOR_PROPERTY = "TicketBridgePullCursor";
    private static final String LINKED = "TicketBridgeLinked";

    private final Hub hub;
    private final Desks desks;
    private final TicketService tickets;
    private final RemoteChanges remoteChanges;
    private final SyncJobs jobs;
    private final ActivitySync activity;

    public PullFlow(Hub hub, Desks desks, TicketService tickets, RemoteChanges remoteChanges, SyncJobs jobs,
                    ActivitySync activity) {
        this.activity = activity;
        this.hub = hub;
        this.desks = desks;
        this.tickets = tickets;
        this.remoteChanges = remoteChanges;
        this.jobs = jobs;
    }

    /** Sets up a pull; header TicketBridgeSyncAction = ticket (one linked ticket) or all. */
    public void load(Exchange e) {
        JsonNode payload = SyncContext.bodyJson(e);
        String integrationId = e.getMessage().getHeader(ConnectorHeaders.INTEGRATION_ID, String.class);
        Integration integration = hub.jdbi.withHandle(h -> hub.integrations.get(h, null, integrationId))
                .orElseThrow(() -> new DeskRejectedException("integration " + integrationId + " is gone", 0, null));
        e.setProperty(SyncContext.INTEGRATION, integration);
        e.setProperty(ConnectorHeaders.MAPPINGS, hub.jdbi.withHandle(h -> hub.mappings.mappings(h, integrationId)));
        e.setProperty(ConnectorHeaders.OPTIONS, SyncContext.PushOptions.of("push", payload));
        String ticketId = payload.hasNonNull("ticket_id") ? payload.get("ticket_id").asText() : null;
        if (ticketId == null && payload.hasNonNull("remote_id")) {
            // a webhook named a vendor ticket: pull it, importing it when it is not linked yet
            String remoteId = payload.get("remote_id").asText();
            ticketId = hub.jdbi.withHandle(h -> hub.links.byRemoteId(h, integrationId, remoteId))
                    .map(LinkStore.Link::ticketId).orElse(null);
            if (ticketId == null) {
                e.getMessage().setHeader(ConnectorHeaders.ACTION, "import");
                e.getMessage().setHeader(ConnectorHeaders.REMOTE_ID, remoteId);
                e.getMessage().setHeader(ConnectorHeaders.FRESH, true);
                e.setProperty(CURSOR_PROPERTY, new AtomicLong(0));
                return;
            }
        }
        if (ticketId == null) {
            e.getMessage().setHeader(ConnectorHeaders.ACTION, "all");
            return;
        }
        String linkedTicketId = ticketId;
        Ticket ticket = hub.jdbi.withHandle(h -> hub.tickets.get(h, integration.spaceId(), linkedTicketId))
                .orElseThrow(() -> new DeskRejectedException("hub ticket " + linkedTicketId + " does not exist", 0,
                        null));
        LinkStore.Link link = hub.jdbi.withHandle(h -> hub.links.byTicket(h, integrationId, linkedTicketId))
                .orElseThrow(() -> new DeskRejectedException("ticket " + ticket.number() + " is not linked", 0, null));
        e.setProperty(SyncContext.TICKET, ticket);
        e.setProperty(SyncContext.LINK, link);
        e.getMessage().setHeader(ConnectorHeaders.ACTION, "ticket");
        e.getMessage().setHeader(ConnectorHeaders.REMOTE_ID, link.remoteId());
        e.getMessage().setHeader(ConnectorHeaders.FRESH, true);
        SyncContext.report(e).put("ticket_id", linkedTicketId);
    }

    /** Body: the vendor ticket of a linked hub ticket. */
    public void applyLinked(Exchange e) {
        Integration i = SyncContext.integration(e);
        DeskMapper mapper = desks.find(i.platform()).orElseThrow();
        Reconciler.Outcome outcome = remoteChanges.pull(i, SyncContext.ticket(e), SyncContext.link(e), mapper,
                SyncContext.mappings(e), SyncContext.bodyJson(e));
        report(e, outcome);
        activity.applyRemoteResolution(i, SyncContext.ticket(e), mapper.remoteResolution(SyncContext.bodyJson(e)));
        refresh(e);
        if (!outcome.toSend().isEmpty()) {
            jobs.enqueuePush(i, SyncContext.ticket(e).id());
        }
    }

    /** Body becomes the vendor's list query for tickets changed since the cursor. */
    public void changedSince(Exchange e) {
        Integration i = SyncContext.integration(e);
        Instant since = hub.jdbi.withHandle(h -> hub.mappings.state(h, i.id(), CURSOR))
                .map(v -> Instant.ofEpochMilli(Long.parseLong(v))).orElse(null);
        e.setProperty(CURSOR_PROPERTY, new AtomicLong(since == null ? 0 : since.toEpochMilli()));
        JsonNode query = desks.find(i.platform()).orElseThrow()
                .changedSinceQuery(since, i.configInt("pull_page_size", 100));
        e.getMessage().setBody(io.ticketbridge.model.Json.write(query));
    }

    /** Body: the vendor's list answer; returns its tickets for the split. */
    public List<String> items(Exchange e) {
        Integration i = SyncContext.integration(e);
        return desks.find(i.platform()).orElseThrow().listItems(SyncContext.bodyJson(e)).stream()
                .map(io.ticketbridge.model.Json::write).toList();
    }

    /**
     * Split step, body: one vendor ticket. Linked → applied like a single pull; unlinked →
     * imported as a new hub ticket when config import_unlinked (default true). Sets
     * TicketBridgeLinked for the activity pull that follows.
     */
    public void applyItem(Exchange e) {
        Integration i = SyncContext.integration(e);
        DeskMapper mapper = desks.find(i.platform()).orElseThrow();
        List<FieldMapping> mappings = SyncContext.mappings(e);
        JsonNode remote = SyncContext.bodyJson(e);
        String remoteId = mapper.remoteId(remote);
        Instant updated = mapper.remoteUpdatedAt(remote);
        if (updated != null) {
            e.getProperty(CURSOR_PROPERTY, AtomicLong.class).accumulateAndGet(updated.toEpochMilli(), Math::max);
        }
        LinkStore.Link link = hub.jdbi.withHandle(h -> hub.links.byRemoteId(h, i.id(), remoteId)).orElse(null);
        if (link == null) {
            if (!i.configBool("import_unlinked", true)) {
                e.setProperty(LINKED, false);
                return;
            }
            Map<String, Object> fields = mapper.toCanonical(remote, mappings);
            fields.values().removeIf(v -> v == null);
            fields.putIfAbsent(TicketFields.SUBJECT, "(no subject)");
            Ticket created = hub.jdbi.inTransaction(h -> {
                Ticket t = tickets.create(h, i.spaceId(), fields, i.id());
                hub.links.create(h, t.id(), i.id(), remoteId, mapper.remoteNumber(remote),
                        Reconciler.roundTrip(mapper, mappings, t.fields()));
                return t;
            });
            SyncContext.count(e, "imported");
            e.setProperty(SyncContext.TICKET, created);
            e.setProperty(SyncContext.LINK, hub.jdbi.withHandle(h -> hub.links.byTicket(h, i.id(), created.id()))
                    .orElseThrow());
        } else {
            Ticket ticket = hub.jdbi.withHandle(h -> hub.tickets.get(h, null, link.ticketId())).orElseThrow();
            e.setProperty(SyncContext.TICKET, ticket);
            e.setProperty(SyncContext.LINK, link);
            Reconciler.Outcome outcome = remoteChanges.pull(i, ticket, link, mapper, mappings, remote);
            SyncContext.count(e, "updated");
            if (!outcome.toSend().isEmpty()) {
                jobs.enqueuePush(i, ticket.id());
            }
            activity.applyRemoteResolution(i, ticket, mapper.remoteResolution(remote));
            refresh(e);
        }
        e.setProperty(LINKED, true);
        e.getMessage().setHeader(ConnectorHeaders.REMOTE_ID, remoteId);
        e.getMessage().setHeader(ConnectorHeaders.FRESH, true);
    }

    /** After the batch: the cursor moves to the newest change applied. */
    public void advanceCursor(Exchange e) {
        Integration i = SyncContext.integration(e);
        long cursor = e.getProperty(CURSOR_PROPERTY, AtomicLong.class).get();
        if (cursor > 0) {
            hub.jdbi.useTransaction(h -> hub.mappings.putState(h, i.id(), CURSOR, String.valueOf(cursor)));
        }
        SyncContext.report(e).put("cursor", cursor == 0 ? null : Instant.ofEpochMilli(cursor).toString());
    }

    private void refresh(Exchange e) {
        Ticket t = SyncContext.ticket(e);
        e.setProperty(SyncContext.TICKET, hub.jdbi.withHandle(h -> hub.tickets.get(h, null, t.id())).orElse(t));
    }

    private static void report(Exchange e, Reconciler.Outcome outcome) {
        Map<String, Object> r = SyncContext.report(e);
        r.put("action", "pulled");
        r.put("applied_from_remote", outcome.toApply().keySet());
        r.put("conflicts", outcome.conflicts().keySet());
        r.put("pending_local_changes", outcome.toSend().keySet());
    }
}
