package io.ticketbridge.ensono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.queue.MessageApplier.Result;
import io.ticketbridge.model.QueueMessage;
import io.ticketbridge.store.JobStore;
import io.ticketbridge.store.LinkStore;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub ticket behind an Ensono number, for {@link EnsonoInboundApplier}: found through the link,
 * adopted by its clientTicketNumber, or created (with the link, a durable returnptn job and, when
 * configured, a push to the client's own service desk); and a returnptn kept on its way while Ensono has no
 * number of ours. Links and tickets read in a transaction are remembered for its other messages.
 */
final class EnsonoHubTickets {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoHubTickets.class);

    private final EnsonoBridge bridge;
    private final Integration integration;
    /** Tickets known to have a returnptn job (a cache: saves a query per message of a busy ticket). */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> returnPtnQueued =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    EnsonoHubTickets(EnsonoBridge bridge, Integration integration) {
        this.bridge = bridge;
        this.integration = integration;
    }

    /**
     * Links looked up in the current transaction (one per group of a batch), so the notes of a busy
     * ticket do not read the same link again and again. Reset with every new transaction (handle);
     * entries are dropped after any transaction type that can change the link.
     */
    private final ThreadLocal<Object[]> memo = new ThreadLocal<>();

    @SuppressWarnings("unchecked")
    private Map<String, Optional<LinkStore.Link>> memo(Handle h) {
        return (Map<String, Optional<LinkStore.Link>>) memoOf(h)[1];
    }

    /** Tickets of consecutive notes: a note only adds a comment, so the ticket read for the first serves. */
    @SuppressWarnings("unchecked")
    private Map<String, Ticket> noteTickets(Handle h) {
        return (Map<String, Ticket>) memoOf(h)[2];
    }

    private Object[] memoOf(Handle h) {
        Object[] m = memo.get();
        if (m == null || m[0] != h) {
            m = new Object[] {h, new java.util.HashMap<String, Optional<LinkStore.Link>>(),
                new java.util.HashMap<String, Ticket>()};
            memo.set(m);
        }
        return m;
    }

    Ticket ticketForNotes(Handle h, String number, JsonNode body) {
        Ticket t = noteTickets(h).get(number);
        if (t == null) {
            t = ensureTicket(h, number, body).ticket;
            noteTickets(h).put(number, t);
        }
        return t;
    }

    Optional<LinkStore.Link> linkOf(Handle h, String number) {
        Map<String, Optional<LinkStore.Link>> links = memo(h);
        Optional<LinkStore.Link> link = links.get(number);
        if (link == null || link.isEmpty()) {
            link = bridge.hub.links.byRemoteNumber(h, integration.id(), number);
            links.put(number, link);
        }
        return link;
    }

    record Linked(Ticket ticket, LinkStore.Link link, boolean created) {
    }

    Ticket ticket(Handle h, LinkStore.Link link) {
        return bridge.hub.tickets.get(h, null, link.ticketId())
                .orElseThrow(() -> new IllegalStateException("linked ticket " + link.ticketId() + " is gone"));
    }

    /** The hub ticket of this Ensono number: linked, adopted by its clientTicketNumber, or created. */
    Linked ensureTicket(Handle h, String number, JsonNode body) {
        Optional<LinkStore.Link> link = linkOf(h, number);
        if (link.isPresent()) {
            return new Linked(ticket(h, link.get()), link.get(), false);
        }
        Optional<Ticket> ours = ourTicket(h, body);
        if (ours.isPresent()) {
            return new Linked(ours.get(), adopt(h, ours.get(), number), false);
        }
        Ticket t = createFromEnsono(h, number, body);
        memo(h).remove(number);
        return new Linked(t, linkOf(h, number).orElseThrow(), true);
    }

    private Optional<Ticket> ourTicket(Handle h, JsonNode body) {
        String ours = body.path("clientTicketNumber").asText("");
        return ours.isBlank() ? Optional.empty() : bridge.hub.tickets.getByNumber(h, integration.spaceId(), ours);
    }

    /** Links one of our tickets to its Ensono number (ReturnEnsonoNum, or a create whose answer was lost). */
    private LinkStore.Link adopt(Handle h, Ticket t, String number) {
        Optional<LinkStore.Link> existing = bridge.hub.links.byTicket(h, integration.id(), t.id());
        Map<String, Object> snap = new LinkedHashMap<>(bridge.mapper.bridgeView(t, bridge.resolution(h, t)));
        snap.put("status", "open");
        snap.remove("closeNotes");
        snap.put(EnsonoBridge.PTN_RETURNED, "true");
        if (existing.isPresent()) {
            if (existing.get().remoteNumber() == null) {
                bridge.hub.links.update(h, existing.get().id(), number, number, null);
            }
            return bridge.hub.links.byTicket(h, integration.id(), t.id()).orElseThrow();
        }
        // comments made before the link existed went with the create
        for (Comment c : bridge.unsentComments(h, integration, t)) {
            bridge.hub.links.recordCrossing(h, integration.id(), t.id(), EnsonoBridge.LEDGER_COMMENT, c.id(), null,
                    LinkStore.OUT, Hashes.sha256(c.body()));
        }
        return bridge.hub.links.create(h, t.id(), integration.id(), number, number, snap);
    }

    Result returnEnsonoNum(Handle h, String number, JsonNode body) {
        Optional<Ticket> ours = ourTicket(h, body);
        if (ours.isEmpty()) {
            return Result.skipped("ReturnEnsonoNum for an unknown client ticket '"
                    + body.path("clientTicketNumber").asText("") + "'");
        }
        Optional<LinkStore.Link> byNumber = bridge.hub.links.byRemoteNumber(h, integration.id(), number);
        if (byNumber.isPresent()) {
            return Result.applied("already linked");
        }
        adopt(h, ours.get(), number);
        return Result.applied("linked " + ours.get().number() + " to " + number);
    }

    Ticket createFromEnsono(Handle h, String number, JsonNode body) {
        Map<String, Object> fields = bridge.mapper.inbound().hubFields(body);
        Ticket t = bridge.tickets.create(h, integration.spaceId(), fields, integration.id());
        Map<String, Object> snap = new LinkedHashMap<>(bridge.mapper.bridgeView(t, null));
        bridge.hub.links.create(h, t.id(), integration.id(), number, number, snap);
        bridge.hub.jobs.enqueue(h, new JobStore.NewJob(t.spaceId(), integration.id(), t.id(),
                EnsonoBridge.KIND_RETURNPTN, Json.object().put("ticket_id", t.id()).put("ensono_number", number),
                bridge.settings.returnPtnMaxAttempts()));
        pushToClientDesk(h, t);
        LOG.info("Ensono {} created hub ticket {}", number, t.number());
        return t;
    }

    /** "and on to the client's own service desk": a push job for the configured desk integration. */
    private void pushToClientDesk(Handle h, Ticket t) {
        String deskId = integration.configText("client_desk_integration_id", bridge.rules().clientDeskIntegrationId());
        if (deskId == null || deskId.isBlank()) {
            return;
        }
        Optional<Integration> desk = bridge.hub.integrations.get(h, integration.spaceId(), deskId);
        if (desk.isEmpty()) {
            LOG.warn("client_desk_integration_id {} names no integration of this space; {} is not pushed", deskId,
                    t.number());
            return;
        }
        bridge.hub.jobs.enqueue(h, new JobStore.NewJob(t.spaceId(), deskId, t.id(), "push",
                Json.object().put("ticket_id", t.id()), bridge.settings.syncMaxAttempts()));
    }

    /** Ensono has no number of ours yet: make sure a returnptn is on its way (retried until it succeeds). */
    void ensureReturnPtn(Handle h, QueueMessage m, String number, JsonNode body) {
        boolean missing = Boolean.FALSE.equals(m.clientReferenceAvailable())
                || body.path("clientTicketNumber").asText("").isBlank();
        if (!missing) {
            return;
        }
        linkOf(h, number).ifPresent(l -> {
            if (returnPtnQueued.getIfPresent(l.ticketId()) != null) {
                return;
            }
            if (bridge.hasLive(h, integration.id(), l.ticketId(), EnsonoBridge.KIND_RETURNPTN)) {
                returnPtnQueued.put(l.ticketId(), Boolean.TRUE);
            } else {
                bridge.hub.jobs.enqueue(h, new JobStore.NewJob(integration.spaceId(), integration.id(), l.ticketId(),
                        EnsonoBridge.KIND_RETURNPTN, Json.object().put("ticket_id", l.ticketId())
                        .put("ensono_number", number), bridge.settings.returnPtnMaxAttempts()));
            }
        });
    }


    /** A message may have created or changed the link or the ticket: read them again next time. */
    void forget(Handle h, String number) {
        memo(h).remove(number);
        noteTickets(h).remove(number);
    }

    /** Tickets, links and returnptn jobs remembered from rolled-back work may not exist: forget them. */
    void rolledBack() {
        memo.remove();
        returnPtnQueued.invalidateAll();
    }
}
