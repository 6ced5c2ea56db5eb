package io.ticketbridge.ensono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.dataformat.ensono.EnsonoInboundMapper;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.queue.MessageApplier;
import io.ticketbridge.model.QueueMessage;
import io.ticketbridge.store.ActivityStore;
import io.ticketbridge.store.LinkStore;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one Ensono transaction to the hub, in the caller's transaction, with origin = the
 * integration id so the change is never echoed back to Ensono. Creates make the hub ticket, the link
 * and a durable returnptn job (and a push to the client's own service desk when configured); updates
 * apply only the {@code changed} fields; reopen/resolution follow the configured policy; a closure
 * closes the hub ticket; out-of-scope transactions are skipped (and so deleted and recorded).
 */
public final class EnsonoInboundApplier implements MessageApplier {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoInboundApplier.class);

    private final EnsonoBridge bridge;
    private final Integration integration;

    /** Fetches a file from its pre-signed URL: empty when the URL expired; throws when worth another try. */
    public interface Downloader {
        Optional<byte[]> download(String url);
    }


    /** Attachment files, fetched before a batch's transaction. */
    private final EnsonoFiles files;
    /** The hub ticket behind each Ensono number, and its returnptn. */
    private final EnsonoHubTickets hubTickets;

    public EnsonoInboundApplier(EnsonoBridge bridge, Integration integration) {
        this(bridge, integration, null);
    }

    public EnsonoInboundApplier(EnsonoBridge bridge, Integration integration, Downloader downloader) {
        this.bridge = bridge;
        this.integration = integration;
        this.files = new EnsonoFiles(downloader);
        this.hubTickets = new EnsonoHubTickets(bridge, integration);
    }

    @Override
    public Result apply(Handle h, QueueMessage m) {
        if ("Notes".equals(type(m))) {
            // one note is a run of one: the same path as a run of several
            return notesBulk(h, List.of(m)).get(0);
        }
        JsonNode body = parseBody(m.body());
        EnsonoRules rules = bridge.rules();
        EnsonoRules.Rule ignored = rules.ignored(m, body);
        if (ignored != null) {
            return Result.skipped("out of scope (rule " + ignored.text() + ")");
        }
        String type = type(m);
        String number = body.path("ticketNumber").asText(m.groupId());
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("message " + m.messageId() + " names no Ensono ticket");
        }
        Result result = switch (type) {
            case "ReturnEnsonoNum" -> hubTickets.returnEnsonoNum(h, number, body);
            case "Create" -> {
                Optional<LinkStore.Link> link = bridge.hub.links.byRemoteNumber(h, integration.id(), number);
                yield link.isPresent() ? update(h, hubTickets.ticket(h, link.get()), link.get(), body)
                        : Result.applied("created " + hubTickets.createFromEnsono(h, number, body).number());
            }
            case "Update" -> {
                EnsonoHubTickets.Linked l = hubTickets.ensureTicket(h, number, body);
                yield l.created() ? Result.applied("created " + l.ticket().number())
                        : update(h, l.ticket(), l.link(), body);
            }
            case "Closure" -> {
                EnsonoHubTickets.Linked l = hubTickets.ensureTicket(h, number, body);
                yield closure(h, l.ticket(), l.link(), body);
            }
            case "Attachment" -> {
                EnsonoHubTickets.Linked l = hubTickets.ensureTicket(h, number, body);
                yield attachment(h, l.ticket(), body);
            }
            case "Approval Request" -> {
                EnsonoHubTickets.Linked l = hubTickets.ensureTicket(h, number, body);
                yield bridge.approvals.request(h, integration, l.ticket(), l.link(), body);
            }
            case "Redraft" -> {
                EnsonoHubTickets.Linked l = hubTickets.ensureTicket(h, number, body);
                yield bridge.approvals.redraft(h, integration, l.ticket(), l.link(), body);
            }
            default -> Result.skipped("transaction type '" + type + "' is not handled");
        };
        // these may have created or changed the link or the ticket: read them again next time
        hubTickets.forget(h, number);
        if (!"ReturnEnsonoNum".equals(type)) {
            hubTickets.ensureReturnPtn(h, m, number, body);
        }
        return result;
    }

    /**
     * Fetches the files of the batch's attachment messages before its transaction: a slow or stalled
     * download (up to the 30 s timeout) then holds up only its own batch, not the store's write lock.
     */
    @Override
    public void prefetch(List<QueueMessage> messages) {
        files.prefetch(messages.stream().filter(m -> "Attachment".equals(type(m)) && inScope(m)).toList());
    }

    /** Not ignored by the rules; false for an unreadable body too (its apply fails on its own). */
    private boolean inScope(QueueMessage m) {
        try {
            return bridge.rules().ignored(m, parseBody(m.body())) == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void release(List<QueueMessage> messages) {
        files.release(messages.stream().filter(m -> "Attachment".equals(type(m))).toList());
    }

    /** Consecutive Notes transactions go together: at queue speed most of a busy ticket's traffic is notes. */
    @Override
    public int bulkRun(List<QueueMessage> messages) {
        int n = 0;
        while (n < messages.size() && "Notes".equals(type(messages.get(n)))) {
            n++;
        }
        return n;
    }

    /**
     * The notes of a run, with the effect of applying them one by one: per ticket one ledger query, one
     * batched comment insert (one touch, listeners told once) and one batched ledger insert.
     */
    @Override
    public List<Result> applyBulk(Handle h, List<QueueMessage> run) {
        return notesBulk(h, run);
    }

    /** Tickets, links and returnptn jobs remembered from rolled-back work may not exist: forget them. */
    @Override
    public void rolledBack() {
        hubTickets.rolledBack();
    }

    private List<Result> notesBulk(Handle h, List<QueueMessage> run) {
        EnsonoRules rules = bridge.rules();
        Result[] results = new Result[run.size()];
        JsonNode[] bodies = new JsonNode[run.size()];
        String[][] notes = new String[run.size()][];
        Map<String, List<Integer>> byNumber = new LinkedHashMap<>();
        for (int k = 0; k < run.size(); k++) {
            QueueMessage m = run.get(k);
            JsonNode body = parseBody(m.body());
            bodies[k] = body;
            EnsonoRules.Rule ignored = rules.ignored(m, body);
            if (ignored != null) {
                results[k] = Result.skipped("out of scope (rule " + ignored.text() + ")");
                continue;
            }
            String number = body.path("ticketNumber").asText(m.groupId());
            if (number == null || number.isBlank()) {
                throw new IllegalArgumentException("message " + m.messageId() + " names no Ensono ticket");
            }
            notes[k] = EnsonoInboundMapper.note(body);
            byNumber.computeIfAbsent(number, x -> new ArrayList<>()).add(k);
        }
        for (var e : byNumber.entrySet()) {
            String number = e.getKey();
            List<Integer> ks = e.getValue();
            Ticket t = hubTickets.ticketForNotes(h, number, bodies[ks.get(0)]);
            String[] remoteIds = new String[run.size()];
            for (int k : ks) {
                String[] note = notes[k];
                if (!note[0].isBlank()) {
                    remoteIds[k] = ledgerKey(note[3].isBlank()
                            ? Hashes.sha256(bodies[k].path("ticketNumber").asText() + note[0]) : note[3]);
                }
            }
            Set<String> recorded = bridge.hub.links.remoteIdsRecorded(h, integration.id(), t.id(),
                    EnsonoBridge.LEDGER_COMMENT, ks.stream().map(k -> remoteIds[k]).filter(r -> r != null).toList());
            Set<String> inRun = new HashSet<>();
            List<ActivityStore.NewComment> fresh = new ArrayList<>();
            List<Integer> freshAt = new ArrayList<>();
            for (int k : ks) {
                if (remoteIds[k] == null) {
                    results[k] = Result.skipped("empty note");
                } else if (recorded.contains(remoteIds[k]) || !inRun.add(remoteIds[k])) {
                    results[k] = Result.applied("note already recorded");
                } else {
                    fresh.add(new ActivityStore.NewComment(notes[k][0], notes[k][1], notes[k][2], true,
                            integration.id()));
                    freshAt.add(k);
                    results[k] = Result.applied("comment added");
                }
            }
            List<Comment> added = bridge.tickets.addComments(h, t, fresh);
            List<LinkStore.Crossing> crossings = new ArrayList<>(added.size());
            for (int j = 0; j < added.size(); j++) {
                int k = freshAt.get(j);
                crossings.add(new LinkStore.Crossing(t.id(), EnsonoBridge.LEDGER_COMMENT, added.get(j).id(),
                        remoteIds[k], LinkStore.IN, Hashes.sha256(notes[k][0])));
            }
            bridge.hub.links.recordCrossings(h, integration.id(), crossings);
            for (int k : ks) {
                hubTickets.ensureReturnPtn(h, run.get(k), number, bodies[k]);
            }
        }
        return Arrays.asList(results);
    }

    /** Ensono's references as the ledger keeps them (remote_id holds 200 characters; longer ones are hashed). */
    static String ledgerKey(String remoteRef) {
        return remoteRef.length() <= 200 ? remoteRef : "sha256:" + Hashes.sha256(remoteRef);
    }

    private static String type(QueueMessage m) {
        return m.transactionType() == null ? "" : m.transactionType().trim();
    }

    static JsonNode parseBody(String text) {
        JsonNode body = Json.read(text);
        if (body != null && body.isTextual()) {
            body = Json.read(body.asText());
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("message body is not a JSON object");
        }
        return body;
    }

    private Result update(Handle h, Ticket t, LinkStore.Link link, JsonNode body) {
        Map<String, Object> changes = bridge.mapper.inbound().hubChanges(body);
        String policy = bridge.rules().reopenPolicy();
        boolean terminal = TicketFields.TERMINAL.contains(t.status());
        Object newStatus = changes.get(TicketFields.STATUS);
        boolean reopen = terminal && newStatus != null && !TicketFields.TERMINAL.contains(newStatus.toString());
        if (terminal && "comments".equals(policy)) {
            return asComment(h, t, body, reopen ? "Ensono reopened " : "Ensono updated ");
        }
        if (reopen && "new_ticket".equals(policy)) {
            return reopenAsNewTicket(h, t, link, body);
        }
        if (changes.isEmpty()) {
            return Result.applied("no mapped change");
        }
        applyChanges(h, t, link, changes);
        return Result.applied((reopen ? "reopened, changed " : "changed ") + changes.keySet());
    }

    private void applyChanges(Handle h, Ticket t, LinkStore.Link link, Map<String, Object> changes) {
        Map<String, String> before = bridge.mapper.bridgeView(t, bridge.resolution(h, t));
        Ticket after = bridge.tickets.update(h, t, changes, integration.id());
        absorb(h, link, before, bridge.mapper.bridgeView(after, bridge.resolution(h, after)));
    }

    /** What Ensono just told us is what Ensono has: the snapshot takes it, so nothing is echoed back. */
    private void absorb(Handle h, LinkStore.Link link, Map<String, String> before, Map<String, String> after) {
        LinkStore.Link current = bridge.hub.links.byTicket(h, integration.id(), link.ticketId()).orElse(link);
        Map<String, Object> snap = new LinkedHashMap<>(current.snapshot());
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                snap.put(k, v);
            }
        });
        if (!snap.equals(current.snapshot())) {
            bridge.hub.links.update(h, current.id(), null, null, snap);
        }
    }

    private Result reopenAsNewTicket(Handle h, Ticket old, LinkStore.Link link, JsonNode body) {
        String number = link.remoteNumber();
        bridge.hub.links.delete(h, link.id());
        Ticket fresh = hubTickets.createFromEnsono(h, number, body);
        bridge.tickets.addComment(h, old, "Reopened at Ensono (" + number + "); continued in " + fresh.number(),
                "Ensono", null, true, integration.id());
        return Result.applied("reopen as new ticket " + fresh.number());
    }

    private Result asComment(Handle h, Ticket t, JsonNode body, String prefix) {
        JsonNode changed = body.has("changed") ? body.get("changed") : body;
        StringBuilder text = new StringBuilder(prefix).append(body.path("ticketNumber").asText("")).append(':');
        changed.fields().forEachRemaining(e -> {
            if (!"updatedOn".equals(e.getKey())) {
                text.append("\n").append(e.getKey()).append(": ").append(e.getValue().asText());
            }
        });
        bridge.tickets.addComment(h, t, text.toString(), "Ensono", null, true, integration.id());
        return Result.applied("added as a comment (policy comments)");
    }

    private Result closure(Handle h, Ticket t, LinkStore.Link link, JsonNode body) {
        String status = bridge.mapper.inbound().hubStatus(body.path("status").asText("closed"));
        if (!"resolved".equals(status) && !"closed".equals(status)) {
            status = "closed";
        }
        String notes = body.path("closeNotes").asText("");
        if (notes.isBlank()) {
            notes = ("closed".equals(status) ? "Closed" : "Resolved") + " at Ensono ("
                    + body.path("closeCode").asText("no close code") + ")";
        }
        Map<String, String> before = bridge.mapper.bridgeView(t, bridge.resolution(h, t));
        bridge.tickets.resolve(h, t, notes, "Ensono", status, integration.id());
        Ticket after = bridge.hub.tickets.get(h, null, t.id()).orElseThrow();
        Map<String, String> view = bridge.mapper.bridgeView(after, bridge.resolution(h, after));
        absorb(h, link, before, view);
        if ("closed".equals(status)) {
            // Ensono's closed tickets accept no updates; remember it so nothing more is sent
            LinkStore.Link current = bridge.hub.links.byTicket(h, integration.id(), t.id()).orElse(link);
            Map<String, Object> snap = new LinkedHashMap<>(current.snapshot());
            snap.put("status", "closed");
            bridge.hub.links.update(h, current.id(), null, null, snap);
        }
        return Result.applied(status + " the hub ticket");
    }

    /**
     * A public attachment added at Ensono: the file is fetched from the message's pre-signed URL and
     * stored on the hub ticket (once: the ledger keys it by Ensono's attachment reference). When the
     * file cannot be had (the URL expired, it is over the size limit, no downloader) the ticket gets a
     * comment naming the file instead; a transient failure fails the message, which is tried again.
     */
    private Result attachment(Handle h, Ticket t, JsonNode body) {
        String name = body.path("attachmentName").asText("").isBlank() ? "attachment"
                : body.path("attachmentName").asText();
        String url = body.path("attachment").asText("");
        String remoteId = ledgerKey(body.path("attachmentInfo").asText("").isBlank()
                ? Hashes.sha256(body.path("ticketNumber").asText() + "/" + name + "/" + body.path("attachmentSize")
                .asText("")) : body.path("attachmentInfo").asText());
        if (bridge.hub.links.localIdForRemote(h, integration.id(), t.id(), EnsonoBridge.LEDGER_ATTACHMENT, remoteId)
                .isPresent()) {
            return Result.applied("attachment already stored");
        }
        String type = body.path("attachmentType").asText("").isBlank() ? "application/octet-stream"
                : body.path("attachmentType").asText();
        // fetched before the transaction (prefetch), or now (a replay, or past the batch's budget)
        EnsonoFiles.Fetched f = files.get(url);
        Optional<byte[]> content = f.content();
        String why = f.why();
        if (content.isEmpty()) {
            String text = "Ensono attached " + name + " (" + type + ", " + body.path("attachmentSize").asText("?")
                    + " bytes); the file could not be fetched: " + why;
            Comment c = bridge.tickets.addComment(h, t, text, "Ensono", null, true, integration.id());
            bridge.hub.links.recordCrossing(h, integration.id(), t.id(), EnsonoBridge.LEDGER_ATTACHMENT, c.id(),
                    remoteId, LinkStore.IN, null);
            return Result.applied("attachment noted as a comment: " + why);
        }
        var a = bridge.tickets.addAttachment(h, t, name, type, content.get(), integration.id());
        bridge.hub.links.recordCrossing(h, integration.id(), t.id(), EnsonoBridge.LEDGER_ATTACHMENT, a.id(), remoteId,
                LinkStore.IN, a.sha256());
        return Result.applied("attachment " + name + " stored (" + a.size() + " bytes)");
    }

}
