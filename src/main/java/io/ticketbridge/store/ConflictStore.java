package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Json;
import org.jdbi.v3.core.Handle;

/**
 * Fields changed on both sides since the last sync. Recorded instead of silently overwritten; one
 * open conflict per (ticket, integration, field), refreshed when either side changes again.
 */
public final class ConflictStore {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public record Conflict(String id, @JsonProperty("integration_id") String integrationId,
                           @JsonProperty("ticket_id") String ticketId, String field,
                           @JsonProperty("base_value") JsonNode baseValue,
                           @JsonProperty("local_value") JsonNode localValue,
                           @JsonProperty("remote_value") JsonNode remoteValue, String status, String resolution,
                           @JsonProperty("resolved_value") JsonNode resolvedValue,
                           @JsonProperty("created_at") Instant createdAt,
                           @JsonProperty("resolved_at") Instant resolvedAt) {
    }

    public Conflict record(Handle h, String spaceId, String integrationId, String ticketId, String field,
                           Object base, Object local, Object remote) {
        Optional<Conflict> open = openFor(h, integrationId, ticketId, field);
        if (open.isPresent()) {
            h.createUpdate("update conflicts set local_value=:l, remote_value=:r where id=:id")
                    .bind("l", Json.write(local)).bind("r", Json.write(remote)).bind("id", open.get().id()).execute();
            return get(h, open.get().id()).orElseThrow();
        }
        String id = Ids.newId();
        h.createUpdate("insert into conflicts (id, space_id, integration_id, ticket_id, field_name, base_value,"
                        + " local_value, remote_value, status, created_at) values (:id, :s, :i, :t, :f, :b, :l, :r,"
                        + " 'open', :now)")
                .bind("id", id).bind("s", spaceId).bind("i", integrationId).bind("t", ticketId).bind("f", field)
                .bind("b", Json.write(base)).bind("l", Json.write(local)).bind("r", Json.write(remote))
                .bind("now", ts(Instant.now())).execute();
        return get(h, id).orElseThrow();
    }

    public Optional<Conflict> openFor(Handle h, String integrationId, String ticketId, String field) {
        return h.createQuery("select * from conflicts where integration_id=:i and ticket_id=:t and field_name=:f"
                        + " and status='open'")
                .bind("i", integrationId).bind("t", ticketId).bind("f", field).map((rs, c) -> map(rs)).findFirst();
    }

    public Optional<Conflict> get(Handle h, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return h.createQuery("select * from conflicts where id=:id").bind("id", id).map((rs, c) -> map(rs)).findOne();
    }

    public List<Conflict> list(Handle h, String integrationId, String ticketId, String status) {
        StringBuilder sql = new StringBuilder("select * from conflicts where integration_id=:i");
        if (ticketId != null) {
            sql.append(" and ticket_id=:t");
        }
        if (status != null) {
            sql.append(" and status=:st");
        }
        var q = h.createQuery(sql + " order by created_at").bind("i", integrationId);
        if (ticketId != null) {
            q.bind("t", ticketId);
        }
        if (status != null) {
            q.bind("st", status);
        }
        return q.map((rs, c) -> map(rs)).list();
    }

    public void resolve(Handle h, String id, String resolution, Object value) {
        h.createUpdate("update conflicts set status='resolved', resolution=:r, resolved_value=:v, resolved_at=:now"
                        + " where id=:id")
                .bind("r", resolution).bind("v", Json.write(value)).bind("now", ts(Instant.now())).bind("id", id)
                .execute();
    }

    private static Conflict map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Conflict(rs.getString("id"), rs.getString("integration_id"), rs.getString("ticket_id"),
                rs.getString("field_name"), read(rs.getString("base_value")), read(rs.getString("local_value")),
                read(rs.getString("remote_value")), rs.getString("status"), rs.getString("resolution"),
                read(rs.getString("resolved_value")), instant(rs, "created_at"), instant(rs, "resolved_at"));
    }

    private static JsonNode read(String s) {
        return s == null ? null : Json.read(s);
    }
}
