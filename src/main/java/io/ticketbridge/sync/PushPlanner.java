package io.ticketbridge.sync;

import io.ticketbridge.connector.ConnectorHeaders;

import io.ticketbridge.connector.PushPlan;

import io.ticketbridge.connector.DeskMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.LinkStore;
import org.apache.camel.Exchange;

/**
 * The push side of a desk flow (bean {@code pushPlanner}): load the ticket and its link, decide
 * create or update, compare hub / vendor / snapshot, and record what was sent.
 */
public final class PushPlanner {

    private final Hub hub;
    private final Desks desks;
    private final RemoteChanges remoteChanges;

    public PushPlanner(Hub hub, Desks desks, RemoteChanges remoteChanges) {
        this.hub = hub;
        this.desks = desks;
        this.remoteChanges = remoteChanges;
    }

    /** Loads ticket, link and mappings; header TicketBridgeSyncAction = create | update. */
    public void load(Exchange e) {
        JsonNode payload = SyncContext.bodyJson(e);
        String integrationId = e.getMessage().getHeader(ConnectorHeaders.INTEGRATION_ID, String.class);
        String ticketId = payload.hasNonNull("ticket_id") ? payload.get("ticket_id").asText()
                : e.getMessage().getHeader(ConnectorHeaders.TICKET_ID, String.class);
        String kind = e.getMessage().getHeader(ConnectorHeaders.JOB_KIND, "push", String.class);
        Integration integration = hub.jdbi.withHandle(h -> hub.integrations.get(h, null, integrationId))
                .orElseThrow(() -> new DeskRejectedException("integration " + integrationId + " is gone", 0, null));
        Ticket ticket = hub.jdbi.withHandle(h -> hub.tickets.get(h, integration.spaceId(), ticketId))
                .orElseThrow(() -> new DeskRejectedException("hub ticket " + ticketId + " does not exist in the"
                        + " integration's space", 0, null));
        SyncContext.PushOptions options = SyncContext.PushOptions.of(kind, payload);
        LinkStore.Link link = hub.jdbi.withHandle(h -> hub.links.byTicket(h, integrationId, ticketId)).orElse(null);
        if (link == null && options.requireLink()) {
            throw new DeskRejectedException("ticket " + ticket.number() + " is not linked to this integration;"
                    + " push it first", 0, null);
        }
        e.setProperty(SyncContext.INTEGRATION, integration);
        e.setProperty(SyncContext.TICKET, ticket);
        e.setProperty(SyncContext.LINK, link);
        e.setProperty(ConnectorHeaders.OPTIONS, options);
        e.setProperty(ConnectorHeaders.MAPPINGS, hub.jdbi.withHandle(h -> hub.mappings.mappings(h, integrationId)));
        e.getMessage().setHeader(ConnectorHeaders.TICKET_ID, ticketId);
        e.getMessage().setHeader(ConnectorHeaders.ACTION, link == null ? "create" : "update");
        if (link != null) {
            e.getMessage().setHeader(ConnectorHeaders.REMOTE_ID, link.remoteId());
        }
        Map<String, Object> report = SyncContext.report(e);
        report.put("ticket_id", ticketId);
        report.put("ticket_number", ticket.number());
        e.getMessage().setBody(null);
    }

    /**
     * Decides what to write. On update the body is the vendor's current ticket: fields changed
     * only in the hub are sent, fields changed only at the vendor are applied to the hub, fields
     * changed on both sides become conflicts. Body becomes a {@link PushPlan}; header
     * TicketBridgeSyncAction becomes none when there is nothing to write.
     */
    public void plan(Exchange e) {
        Ticket ticket = SyncContext.ticket(e);
        Integration integration = SyncContext.integration(e);
        List<FieldMapping> mappings = SyncContext.mappings(e);
        DeskMapper mapper = mapper(integration);
        SyncContext.PushOptions options = SyncContext.options(e);
        String action = e.getMessage().getHeader(ConnectorHeaders.ACTION, String.class);
        if ("create".equals(action)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String f : mapper.syncedFields(mappings)) {
                Object v = ticket.fields().get(f);
                if (v != null) {
                    fields.put(f, v);
                }
            }
            TicketTemplate template = template(integration.id(), options.template());
            e.getMessage().setBody(new PushPlan(ticket, fields, mappings, template, true));
            return;
        }
        JsonNode remote = SyncContext.bodyJson(e);
        e.setProperty(SyncContext.REMOTE, remote);
        if (!options.fields()) {
            e.getMessage().setHeader(ConnectorHeaders.ACTION, "none");
            e.getMessage().setBody(null);
            return;
        }
        Reconciler.Outcome outcome = remoteChanges.reconcileAndApply(integration, ticket, SyncContext.link(e),
                mapper, mappings, remote);
        Map<String, Object> report = SyncContext.report(e);
        report.put("applied_from_remote", outcome.toApply().keySet());
        report.put("conflicts", outcome.conflicts().keySet());
        if (outcome.toSend().isEmpty()) {
            // nothing to write, so no recordUpdated: keep the agreed state now, or a later change looks like a conflict
            LinkStore.Link link = SyncContext.link(e);
            hub.jdbi.useTransaction(h -> hub.links.update(h, link.id(), null, null, outcome.snapshot()));
            e.getMessage().setHeader(ConnectorHeaders.ACTION, "none");
            e.getMessage().setBody(null);
        } else {
            e.getMessage().setBody(new PushPlan(ticket, outcome.toSend(), mappings, null, false));
        }
        e.setProperty("TicketBridgeNextSnapshot", outcome.snapshot());
    }

    /**
     * A retried create may have reached the vendor while its answer was lost (timeout, reset). Body
     * becomes the query for a ticket created from this one since the job was queued.
     */
    public void adoptionQuery(Exchange e) {
        Ticket ticket = SyncContext.ticket(e);
        long since = e.getMessage().getHeader(ConnectorHeaders.JOB_CREATED_AT, System.currentTimeMillis() - 600_000,
                Long.class);
        JsonNode query = mapper(SyncContext.integration(e)).createdSinceQuery(ticket.fields(),
                Instant.ofEpochMilli(since - 5_000));
        e.getMessage().setBody(Json.write(query));
    }

    /**
     * Body: the vendor's answer to {@link #adoptionQuery}. One match not linked to another hub
     * ticket means our earlier create did arrive: link it and continue as an update, so the ticket
     * is never created twice.
     */
    public void adoptIfCreated(Exchange e) {
        Integration integration = SyncContext.integration(e);
        Ticket ticket = SyncContext.ticket(e);
        DeskMapper mapper = mapper(integration);
        List<JsonNode> found = mapper.listItems(SyncContext.bodyJson(e)).stream()
                .filter(r -> hub.jdbi.withHandle(h -> hub.links.byRemoteId(h, integration.id(), mapper.remoteId(r)))
                        .isEmpty())
                .toList();
        e.getMessage().setBody(null);
        if (found.size() != 1) {
            return;
        }
        JsonNode remote = found.get(0);
        LinkStore.Link link = hub.jdbi.inTransaction(h -> hub.links.create(h, ticket.id(), integration.id(),
                mapper.remoteId(remote), mapper.remoteNumber(remote),
                Reconciler.roundTrip(mapper, SyncContext.mappings(e), ticket.fields())));
        e.setProperty(SyncContext.LINK, link);
        e.getMessage().setHeader(ConnectorHeaders.ACTION, "update");
        e.getMessage().setHeader(ConnectorHeaders.REMOTE_ID, link.remoteId());
        SyncContext.report(e).put("adopted_earlier_create", link.remoteId());
    }

    /** After a create: link the ticket, and take the vendor's defaults (template values) into the hub. */
    public void recordCreated(Exchange e) {
        Ticket ticket = SyncContext.ticket(e);
        Integration integration = SyncContext.integration(e);
        DeskMapper mapper = mapper(integration);
        JsonNode created = SyncContext.bodyJson(e);
        String remoteId = mapper.remoteId(created);
        if (remoteId == null) {
            throw new DeskRejectedException(integration.platform() + " answered a create without an id", 0,
                    Json.write(created));
        }
        LinkStore.Link link = hub.jdbi.inTransaction(h -> hub.links.create(h, ticket.id(), integration.id(), remoteId,
                mapper.remoteNumber(created), Map.of()));
        Map<String, Object> sent = Reconciler.roundTrip(mapper, SyncContext.mappings(e), ticket.fields());
        LinkStore.Link withSnapshot = new LinkStore.Link(link.id(), link.ticketId(), link.integrationId(),
                link.remoteId(), link.remoteNumber(), sent, link.lastSyncedAt(), link.createdAt());
        Reconciler.Outcome outcome = remoteChanges.reconcileAndApply(integration, ticket, withSnapshot, mapper,
                SyncContext.mappings(e), created);
        // the vendor holds what we sent: that is the base later three-way compares start from
        hub.jdbi.useTransaction(h -> hub.links.update(h, link.id(), null, null, outcome.snapshot()));
        e.setProperty(SyncContext.LINK, hub.jdbi.withHandle(h -> hub.links.byTicket(h, integration.id(), ticket.id()))
                .orElseThrow());
        e.getMessage().setHeader(ConnectorHeaders.REMOTE_ID, remoteId);
        Map<String, Object> report = SyncContext.report(e);
        report.put("action", "created");
        report.put("remote_id", remoteId);
        report.put("remote_number", mapper.remoteNumber(created));
    }

    /** After an update: the snapshot becomes the state both sides now share. */
    @SuppressWarnings("unchecked")
    public void recordUpdated(Exchange e) {
        LinkStore.Link link = SyncContext.link(e);
        Map<String, Object> next = e.getProperty("TicketBridgeNextSnapshot", Map.class);
        hub.jdbi.useTransaction(h -> hub.links.update(h, link.id(), null, null, next));
        Map<String, Object> report = SyncContext.report(e);
        report.put("action", "updated");
        report.put("remote_id", link.remoteId());
        report.put("remote_number", link.remoteNumber());
        PushPlan plan = e.getProperty("TicketBridgePlan", PushPlan.class);
        if (plan != null) {
            report.put("sent_fields", plan.fields().keySet());
        }
    }

    /** The job's result: what the push did. */
    public String report(Exchange e) {
        Map<String, Object> report = SyncContext.report(e);
        report.putIfAbsent("action", "unchanged");
        LinkStore.Link link = SyncContext.link(e);
        if (link != null) {
            report.putIfAbsent("remote_id", link.remoteId());
            report.putIfAbsent("remote_number", link.remoteNumber());
        }
        report.put("completed_at", Instant.now().toString());
        return Json.write(report);
    }

    /** Keeps the plan for the report before the data format replaces the body. */
    public void keepPlan(Exchange e) {
        PushPlan plan = e.getMessage().getBody(PushPlan.class);
        e.setProperty("TicketBridgePlan", plan);
        if (plan != null && !plan.create()) {
            SyncContext.report(e).put("sent_fields", plan.fields().keySet());
        }
    }

    private TicketTemplate template(String integrationId, String name) {
        return hub.jdbi.withHandle(h -> name == null ? hub.mappings.defaultTemplate(h, integrationId)
                : hub.mappings.template(h, integrationId, name)).orElse(null);
    }

    private DeskMapper mapper(Integration integration) {
        return desks.find(integration.platform()).orElseThrow(() ->
                new IllegalStateException("no desk mapper for " + integration.platform()));
    }
}
