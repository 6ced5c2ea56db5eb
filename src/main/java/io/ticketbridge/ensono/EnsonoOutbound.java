package io.ticketbridge.ensono;

import io.ticketbridge.connector.ConnectorHeaders;

import io.ticketbridge.dataformat.ensono.EnsonoPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.LinkStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans of the {@code ensono-job} route: {@link #plan} decides the transaction from the hub state
 * (create when the ticket has no link, otherwise an update of what changed since the snapshot, the
 * answer to a pending Change approval, or a returnptn), {@link #recordSent} commits the outcome (link,
 * snapshot, comment ledger), {@link #failed} decides what an error means for the job.
 */
public final class EnsonoOutbound {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoOutbound.class);
    public static final String OPERATION = "EnsonoOperation";
    public static final String PLAN = "ensonoPlan";
    public static final String TICKET_NUMBER = "EnsonoTicketNumber";
    public static final String DEFAULT_GROUP = "EnsonoDefaultGroup";
    /** ensono:attach's file name header. */
    public static final String FILE_NAME = "EnsonoFileName";

    private final EnsonoBridge bridge;
    /** Sends each file through the {@code ensono:attach} endpoint. */
    private final org.apache.camel.ProducerTemplate template;

    public EnsonoOutbound(EnsonoBridge bridge, org.apache.camel.ProducerTemplate template) {
        this.bridge = bridge;
        this.template = template;
    }

    public void plan(Exchange exchange) {
        var in = exchange.getMessage();
        String kind = in.getHeader(ConnectorHeaders.JOB_KIND, String.class);
        String integrationId = in.getHeader(ConnectorHeaders.INTEGRATION_ID, String.class);
        JsonNode payload = Json.read(in.getBody(String.class));
        String ticketId = payload.path("ticket_id").asText(in.getHeader(ConnectorHeaders.TICKET_ID, "", String.class));
        Integration integration = bridge.integration(integrationId)
                .orElseThrow(() -> new IllegalArgumentException("Ensono integration " + integrationId + " not found"));
        EnsonoPlan plan = bridge.hub.jdbi.withHandle(h -> {
            Optional<Ticket> ticket = bridge.hub.tickets.get(h, null, ticketId);
            if (ticket.isEmpty()) {
                return none(integrationId, "ticket no longer exists");
            }
            Ticket t = ticket.get();
            Optional<LinkStore.Link> link = bridge.hub.links.byTicket(h, integrationId, t.id());
            var identity = bridge.identity(integration, t);
            Map<String, String> view = bridge.mapper.bridgeView(t, bridge.resolution(h, t));
            String contact = integration.configText("default_contact_email", "servicedesk@example.invalid");
            if (EnsonoBridge.KIND_RETURNPTN.equals(kind)) {
                String number = payload.path("ensono_number").asText(link.map(LinkStore.Link::remoteNumber).orElse(null));
                return new EnsonoPlan("returnptn", integrationId, identity, t, view, Map.of(), List.of(), number, contact,
                        null);
            }
            if (!EnsonoBridge.KIND_SYNC.equals(kind)) {
                throw new IllegalArgumentException("Unknown Ensono job kind " + kind);
            }
            List<Comment> comments = bridge.unsentComments(h, integration, t);
            if (link.isEmpty() || link.get().remoteNumber() == null) {
                // no Ensono number yet: the one create (a retry after a timeout lands here only while no
                // ReturnEnsonoNum/queue message has linked the ticket meanwhile)
                return new EnsonoPlan("create", integrationId, identity, t, view, view, comments, null, contact, null);
            }
            Map<String, Object> snapshot = link.get().snapshot();
            if ("closed".equals(snapshot.get("status"))) {
                LOG.info("{} is closed at Ensono ({}); Ensono accepts no further updates", t.number(),
                        link.get().remoteNumber());
                return none(integrationId, "Ensono ticket is closed");
            }
            EnsonoPlan answer = bridge.approvals.plan(integration, t, link.get(), identity, view, contact);
            if (answer != null) {
                // a pending Change approval answered on the hub goes first; the rest follows as an update
                return answer;
            }
            Map<String, String> delta = bridge.mapper.delta(view, snapshot);
            if (delta.isEmpty() && comments.isEmpty()) {
                return new EnsonoPlan("none", integrationId, identity, t, view, delta, comments,
                        link.get().remoteNumber(), contact, null);
            }
            return new EnsonoPlan("update", integrationId, identity, t, view, delta, comments,
                    link.get().remoteNumber(), contact, null);
        });
        if ("update".equals(plan.operation())
                && bridge.mapper.updatePayload(plan.identity(), plan.delta(), plan.view(), plan.comments()) == null) {
            plan = plan.withOperation("none");
        }
        if ("none".equals(plan.operation()) && plan.ensonoNumber() != null) {
            // nothing for PUT /tickets/{n}; new files still go through the pre-signed upload
            Ticket planned = plan.ticket();
            if (bridge.hub.jdbi.withHandle(h -> !bridge.unsentAttachments(h, integration, planned).isEmpty())) {
                plan = plan.withOperation("attachments");
            }
        }
        in.setHeader(OPERATION, plan.operation());
        if (plan.ensonoNumber() != null) {
            in.setHeader(TICKET_NUMBER, plan.ensonoNumber());
        }
        in.setHeader(DEFAULT_GROUP, bridge.defaultGroup(integration));
        exchange.setProperty(PLAN, plan);
        in.setBody(plan);
        if ("none".equals(plan.operation())) {
            in.setBody(Json.write(Json.object().put("sent", false).put("reason", plan.reason() == null
                    ? "nothing changed since the last successful send" : plan.reason())));
        }
    }

    /**
     * After a create or an update (or alone, when only files are new): every hub attachment Ensono has
     * not had yet goes through {@code ensono:attach}, each recorded in the ledger as soon as it is
     * uploaded, so a failure part-way resends only the rest. Files that came from Ensono never go back.
     */
    public void sendAttachments(Exchange exchange) throws Exception {
        EnsonoPlan plan = exchange.getProperty(PLAN, EnsonoPlan.class);
        if (plan == null || plan.ticket() == null) {
            return;
        }
        String number = exchange.getMessage().getHeader(TICKET_NUMBER, String.class);
        if (number == null || number.isBlank()) {
            return;
        }
        Integration integration = bridge.integration(plan.integrationId()).orElseThrow();
        Ticket t = plan.ticket();
        List<io.ticketbridge.model.Attachment> files = bridge.hub.jdbi.withHandle(h ->
                bridge.unsentAttachments(h, integration, t));
        Object answer = exchange.getMessage().getBody();
        int sent = 0;
        for (io.ticketbridge.model.Attachment a : files) {
            byte[] content = bridge.hub.jdbi.withHandle(h -> bridge.hub.activity.attachmentContent(h, t.id(), a.id()))
                    .orElse(null);
            if (content == null) {
                continue;
            }
            Exchange out = template.send("ensono:attach", e -> {
                e.getMessage().setHeaders(new java.util.HashMap<>(exchange.getMessage().getHeaders()));
                e.getMessage().setHeader(FILE_NAME, a.filename());
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, a.contentType());
                e.getMessage().setBody(content);
            });
            String remote = a.filename();
            if (out.getException() instanceof DeskException d && !(d instanceof DeskUnavailableException)
                    && !(d instanceof io.ticketbridge.connector.DeskAuthenticationException)) {
                // refused for good (not a pause, not our key): recorded so it does not hold up every later sync
                LOG.warn("Ensono refused attachment {} of {}: {}", a.filename(), t.number(), d.getMessage());
                bridge.hub.syncLogs.record(t.spaceId(), plan.integrationId(), t.id(), "attachment", "out", "failed",
                        a.filename() + ": " + d.getMessage(), null);
                remote = "refused " + d.statusCode() + ": " + a.filename();
            } else if (out.getException() != null) {
                throw out.getException();
            } else {
                sent++;
                LOG.info("Sent attachment {} of {} to Ensono {}", a.filename(), t.number(), number);
            }
            String remoteId = remote;
            bridge.hub.jdbi.useTransaction(h -> {
                if (!bridge.hub.links.crossed(h, plan.integrationId(), t.id(), EnsonoBridge.LEDGER_ATTACHMENT,
                        a.id())) {
                    bridge.hub.links.recordCrossing(h, plan.integrationId(), t.id(), EnsonoBridge.LEDGER_ATTACHMENT,
                            a.id(), remoteId.length() > 200 ? remoteId.substring(0, 200) : remoteId, LinkStore.OUT,
                            a.sha256());
                }
            });
        }
        if ("attachments".equals(plan.operation())) {
            exchange.getMessage().setBody(Json.write(Json.object().put("sent", sent > 0).put("attachments", sent)));
        } else {
            exchange.getMessage().setBody(answer);
        }
    }

    private static EnsonoPlan none(String integrationId, String why) {
        return new EnsonoPlan("none", integrationId, null, null, Map.of(), Map.of(), List.of(), null, null, why);
    }

    /** After Ensono accepted: link (for a create), snapshot = the view sent, comments into the ledger. */
    public void recordSent(Exchange exchange) {
        EnsonoPlan plan = exchange.getProperty(PLAN, EnsonoPlan.class);
        String number = exchange.getMessage().getHeader(TICKET_NUMBER, String.class);
        String answer = exchange.getMessage().getBody(String.class);
        bridge.hub.jdbi.useTransaction(h -> {
            Ticket t = plan.ticket();
            Optional<LinkStore.Link> link = bridge.hub.links.byTicket(h, plan.integrationId(), t.id());
            switch (plan.operation()) {
                case "create" -> {
                    Map<String, Object> snap = new LinkedHashMap<>(plan.view());
                    // a create carries no status: Ensono opens the ticket
                    snap.put("status", "open");
                    snap.remove("closeNotes");
                    // insert-or-adopt: the inbound message naming our number may have linked it meanwhile
                    LinkStore.Adopted linked = link.isPresent() ? new LinkStore.Adopted(link.get(), false)
                            : bridge.hub.links.createOrAdopt(h, t.id(), plan.integrationId(), number, number, snap);
                    if (!linked.inserted()) {
                        bridge.hub.links.update(h, linked.link().id(), number, number, snap);
                    }
                    LOG.info("Created Ensono ticket {} for {}", number, t.number());
                    if (!bridge.mapper.delta(plan.view(), snap).isEmpty()) {
                        // e.g. already in progress or resolved: the status follows as an update
                        bridge.enqueueSync(h, t.spaceId(), plan.integrationId(), t.id());
                    }
                }
                case "update" -> link.ifPresent(l -> {
                    Map<String, Object> snap = new LinkedHashMap<>(l.snapshot());
                    snap.putAll(plan.view());
                    if (!plan.view().containsKey("closeNotes")) {
                        snap.remove("closeNotes");
                    }
                    bridge.hub.links.update(h, l.id(), null, null, snap);
                });
                case "approve", "reject" -> link.ifPresent(l -> bridge.approvals.recordAnswer(h, plan, l));
                case "returnptn" -> link.ifPresent(l -> {
                    Map<String, Object> snap = new LinkedHashMap<>(l.snapshot());
                    snap.put(EnsonoBridge.PTN_RETURNED, "true");
                    bridge.hub.links.update(h, l.id(), null, null, snap);
                });
                default -> {
                }
            }
            for (Comment c : plan.comments()) {
                if (!bridge.hub.links.crossed(h, plan.integrationId(), t.id(), EnsonoBridge.LEDGER_COMMENT, c.id())) {
                    bridge.hub.links.recordCrossing(h, plan.integrationId(), t.id(), EnsonoBridge.LEDGER_COMMENT,
                            c.id(), null, LinkStore.OUT, Hashes.sha256(c.body()));
                }
            }
        });
        exchange.getMessage().setBody(answer);
    }

    /**
     * Called from the route's doCatch. returnptn is retried until it succeeds, so any error becomes a
     * retry; everything else keeps its meaning (unavailable = retry, rejected/authentication = fail).
     */
    public void failed(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String op = exchange.getMessage().getHeader(OPERATION, String.class);
        if ("returnptn".equals(op) && e instanceof DeskException d && !(e instanceof DeskUnavailableException)) {
            throw new DeskUnavailableException("returnptn is retried until Ensono accepts it: " + d.getMessage(),
                    d.statusCode(), null, d);
        }
        if (("approve".equals(op) || "reject".equals(op)) && e instanceof DeskRejectedException) {
            // refused for good (e.g. the approval is no longer pending): the job fails, and the answer is not
            // tried again ahead of every later update of the ticket
            EnsonoPlan plan = exchange.getProperty(PLAN, EnsonoPlan.class);
            bridge.hub.jdbi.useTransaction(h -> bridge.approvals.recordRefused(h, plan, e.getMessage()));
        }
        throw e;
    }
}
