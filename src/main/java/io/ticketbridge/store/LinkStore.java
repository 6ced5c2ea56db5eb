package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Json;
import org.jdbi.v3.core.Handle;

/**
 * Links (hub ticket ↔ remote ticket per integration, with the last state both sides agreed on) and
 * the sync ledger (every comment, attachment, time log and link that crossed, so it crosses once
 * and is never echoed back).
 */
public final class LinkStore {

    public static final String OUT = "out";
    public static final String IN = "in";

    public record Link(String id, String ticketId, String integrationId, String remoteId, String remoteNumber,
                       Map<String, Object> snapshot, Instant lastSyncedAt, Instant createdAt) {
    }

    public Optional<Link> byTicket(Handle h, String integrationId, String ticketId) {
        return one(h, "integration_id=:i and ticket_id=:k", integrationId, ticketId);
    }

    public Optional<Link> byRemoteId(Handle h, String integrationId, String remoteId) {
        return one(h, "integration_id=:i and remote_id=:k", integrationId, remoteId);
    }

    public Optional<Link> byRemoteNumber(Handle h, String integrationId, String remoteNumber) {
        return one(h, "integration_id=:i and remote_number=:k", integrationId, remoteNumber);
    }

    public List<Link> forTicket(Handle h, String ticketId) {
        return h.createQuery("select * from links where ticket_id=:t order by created_at").bind("t", ticketId)
                .map((rs, c) -> map(rs)).list();
    }

    public List<Link> forIntegration(Handle h, String integrationId, int limit, int offset) {
        return h.createQuery("select * from links where integration_id=:i order by created_at limit :l offset :o")
                .bind("i", integrationId).bind("l", limit).bind("o", offset).map((rs, c) -> map(rs)).list();
    }

    /** What {@link #createOrAdopt} did: inserted the link, or adopted the one that was there already. */
    public record Adopted(Link link, boolean inserted) {
    }

    /** {@link #createOrAdopt} for callers that keep whichever link wins. */
    public Link create(Handle h, String ticketId, String integrationId, String remoteId, String remoteNumber,
                       Map<String, Object> snapshot) {
        return createOrAdopt(h, ticketId, integrationId, remoteId, remoteNumber, snapshot).link();
    }

    /**
     * Links a hub ticket to a remote ticket: insert-or-adopt. When the ticket is linked to this integration
     * already (by the other direction, possibly in a transaction that committed a moment ago: an outbound
     * create racing the inbound message that names our number), that link is adopted: its missing remote id
     * and number are filled in, its snapshot is kept, and nothing fails. Both paths converge on one link.
     */
    public Adopted createOrAdopt(Handle h, String ticketId, String integrationId, String remoteId,
                                 String remoteNumber, Map<String, Object> snapshot) {
        Optional<Link> existing = byTicket(h, integrationId, ticketId);
        if (existing.isPresent()) {
            return new Adopted(adopt(h, existing.get(), remoteId, remoteNumber), false);
        }
        String id = Ids.newId();
        Instant now = Instant.now();
        boolean inserted = Sql.unlessTaken(h, () -> h.createUpdate("insert into links (id, ticket_id, integration_id,"
                        + " remote_id, remote_number, snapshot, last_synced_at, created_at, updated_at)"
                        + " values (:id, :t, :i, :r, :n, :s, :now, :now, :now)")
                .bind("id", id).bind("t", ticketId).bind("i", integrationId).bind("r", remoteId)
                .bind("n", remoteNumber).bind("s", snapshot == null ? null : Json.write(snapshot))
                .bind("now", ts(now)).execute());
        if (!inserted) {
            Link winner = byTicket(h, integrationId, ticketId).orElseThrow(() -> new IllegalStateException(
                    "the link of ticket " + ticketId + " was taken and is gone"));
            return new Adopted(adopt(h, winner, remoteId, remoteNumber), false);
        }
        return new Adopted(one(h, "id=:k and integration_id=:i", integrationId, id).orElseThrow(), true);
    }

    private Link adopt(Handle h, Link link, String remoteId, String remoteNumber) {
        boolean fills = link.remoteId() == null && remoteId != null || link.remoteNumber() == null && remoteNumber != null;
        if (!fills) {
            return link;
        }
        h.createUpdate("update links set remote_id=coalesce(remote_id, :r), remote_number=coalesce(remote_number, :n),"
                        + " updated_at=:now where id=:id")
                .bind("r", remoteId).bind("n", remoteNumber).bind("now", ts(Instant.now())).bind("id", link.id())
                .execute();
        return one(h, "id=:k and integration_id=:i", link.integrationId(), link.id()).orElseThrow();
    }

    public void update(Handle h, String linkId, String remoteId, String remoteNumber, Map<String, Object> snapshot) {
        Instant now = Instant.now();
        h.createUpdate("update links set remote_id=coalesce(:r, remote_id), remote_number=coalesce(:n, remote_number),"
                        + " snapshot=coalesce(:s, snapshot), last_synced_at=:now, updated_at=:now where id=:id")
                .bind("r", remoteId).bind("n", remoteNumber)
                .bind("s", snapshot == null ? null : Json.write(snapshot)).bind("now", ts(now)).bind("id", linkId)
                .execute();
    }

    public boolean delete(Handle h, String linkId) {
        return h.createUpdate("delete from links where id=:id").bind("id", linkId).execute() == 1;
    }

    /*
     * The sync ledger is keyed by (ticket_id, integration_id, item_type, local_id): every lookup names the
     * ticket, so a batch's rows share the ticket's pages and the table needs no other index (V8).
     */

    /** True when this local item of the ticket already crossed to (or came from) the integration. */
    public boolean crossed(Handle h, String integrationId, String ticketId, String itemType, String localId) {
        return h.createQuery("select count(*) from sync_ledger where ticket_id=:tk and integration_id=:i"
                        + " and item_type=:t and local_id=:l")
                .bind("tk", ticketId).bind("i", integrationId).bind("t", itemType).bind("l", localId)
                .mapTo(Long.class).one() > 0;
    }

    /** The local item a remote item of the ticket is recorded as, if it crossed before. */
    public Optional<String> localIdForRemote(Handle h, String integrationId, String ticketId, String itemType,
                                             String remoteId) {
        return h.createQuery("select local_id from sync_ledger where ticket_id=:tk and integration_id=:i"
                        + " and item_type=:t and remote_id=:r")
                .bind("tk", ticketId).bind("i", integrationId).bind("t", itemType).bind("r", remoteId)
                .mapTo(String.class).findFirst();
    }

    /** Which of these remote ids the ledger already holds for the ticket, integration and item type. */
    public java.util.Set<String> remoteIdsRecorded(Handle h, String integrationId, String ticketId, String itemType,
                                                   java.util.Collection<String> remoteIds) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (remoteIds.isEmpty()) {
            return out;
        }
        h.createQuery("select remote_id from sync_ledger where ticket_id=:tk and integration_id=:i and item_type=:t"
                        + " and remote_id in (<r>)")
                .bind("tk", ticketId).bind("i", integrationId).bind("t", itemType)
                .bindList("r", List.copyOf(remoteIds)).mapTo(String.class).forEach(out::add);
        return out;
    }

    /** One crossing for {@link #recordCrossings}. */
    public record Crossing(String ticketId, String itemType, String localId, String remoteId, String direction,
                           String contentHash) {
    }

    /**
     * Records several crossings of one integration with one batched statement. A crossing recorded
     * meanwhile by the other direction (both sides racing on one ticket) is kept, not a failure: the
     * batch then falls back to recording each crossing that is still missing.
     */
    public void recordCrossings(Handle h, String integrationId, List<Crossing> crossings) {
        if (crossings.isEmpty()) {
            return;
        }
        var now = ts(Instant.now());
        boolean all = Sql.unlessTaken(h, () -> {
            var batch = h.prepareBatch(INSERT_CROSSING);
            for (Crossing c : crossings) {
                bindCrossing(batch, integrationId, c, now).add();
            }
            batch.execute();
        });
        if (!all) {
            for (Crossing c : crossings) {
                if (!crossed(h, integrationId, c.ticketId(), c.itemType(), c.localId())) {
                    Sql.unlessTaken(h, () -> bindCrossing(h.createUpdate(INSERT_CROSSING), integrationId, c, now)
                            .execute());
                }
            }
        }
    }

    private static final String INSERT_CROSSING = "insert into sync_ledger (integration_id, ticket_id, item_type,"
            + " local_id, remote_id, direction, content_hash, created_at) values (:i, :tk, :t, :l, :r, :d, :h, :now)";

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindCrossing(S statement,
            String integrationId, Crossing c, Object now) {
        return statement.bind("i", integrationId).bind("tk", c.ticketId()).bind("t", c.itemType())
                .bind("l", c.localId()).bind("r", c.remoteId()).bind("d", c.direction())
                .bind("h", c.contentHash()).bind("now", now);
    }

    public void recordCrossing(Handle h, String integrationId, String ticketId, String itemType, String localId,
                               String remoteId, String direction, String contentHash) {
        recordCrossings(h, integrationId, List.of(new Crossing(ticketId, itemType, localId, remoteId, direction,
                contentHash)));
    }

    /** An integration a ticket is linked to, in the few columns a change listener needs. */
    public record LinkedIntegration(String integrationId, String spaceId, String platform, String configJson) {
    }

    /** The enabled integrations a ticket is linked to (one light join, no snapshots or credentials). */
    public List<LinkedIntegration> enabledIntegrationsOf(Handle h, String ticketId) {
        return h.createQuery("select i.id, i.space_id, i.platform, i.config from links l join integrations i"
                        + " on i.id=l.integration_id where l.ticket_id=:t and i.enabled=true")
                .bind("t", ticketId)
                .map((rs, c) -> new LinkedIntegration(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    public long count(Handle h, String integrationId) {
        return h.createQuery("select count(*) from links where integration_id=:i").bind("i", integrationId)
                .mapTo(Long.class).one();
    }

    private Optional<Link> one(Handle h, String where, String integrationId, String key) {
        return h.createQuery("select * from links where " + where).bind("i", integrationId).bind("k", key)
                .map((rs, c) -> map(rs)).findFirst();
    }

    private static Link map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String snap = rs.getString("snapshot");
        Map<String, Object> snapshot = snap == null ? new LinkedHashMap<>()
                : Json.MAPPER.convertValue(Json.read(snap), new TypeReference<LinkedHashMap<String, Object>>() { });
        return new Link(rs.getString("id"), rs.getString("ticket_id"), rs.getString("integration_id"),
                rs.getString("remote_id"), rs.getString("remote_number"), snapshot, instant(rs, "last_synced_at"),
                instant(rs, "created_at"));
    }
}
