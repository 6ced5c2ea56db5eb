package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ticketbridge.security.SecretMasker;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;

/** Per-integration history of sync operations (push, pull, webhook, comment...), for operators. */
public final class SyncLogStore {

    private final Jdbi jdbi;

    public SyncLogStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record SyncLog(long id, Instant at, @JsonProperty("space_id") String spaceId,
                          @JsonProperty("integration_id") String integrationId,
                          @JsonProperty("ticket_id") String ticketId, String operation, String direction,
                          String status, String message, @JsonProperty("duration_ms") Long durationMs,
                          @JsonProperty("correlation_id") String correlationId) {
    }

    public void record(String spaceId, String integrationId, String ticketId, String operation, String direction,
                       String status, String message, Long durationMs) {
        String msg = message == null ? null : SecretMasker.text(message.length() > 4000 ? message.substring(0, 4000) : message);
        jdbi.useHandle(h -> h.createUpdate("insert into sync_logs (at, space_id, integration_id, ticket_id, operation,"
                        + " direction, status, message, duration_ms, correlation_id)"
                        + " values (:at, :s, :i, :t, :op, :dir, :st, :m, :d, :cid)")
                .bind("at", ts(Instant.now())).bind("s", spaceId).bind("i", integrationId).bind("t", ticketId)
                .bind("op", operation).bind("dir", direction).bind("st", status).bind("m", msg)
                .bind("d", durationMs).bind("cid", MDC.get("correlationId")).execute());
    }

    public Page<SyncLog> list(String integrationId, String ticketId, String status, int page, int pageSize) {
        StringBuilder where = new StringBuilder(" where integration_id=:i");
        Map<String, Object> args = new HashMap<>();
        args.put("i", integrationId);
        if (ticketId != null) {
            where.append(" and ticket_id=:t");
            args.put("t", ticketId);
        }
        if (status != null) {
            where.append(" and status=:st");
            args.put("st", status);
        }
        return jdbi.withHandle(h -> {
            long total = h.createQuery("select count(*) from sync_logs" + where).bindMap(args).mapTo(Long.class).one();
            List<SyncLog> items = h.createQuery("select * from sync_logs" + where + " order by id desc limit :l offset :o")
                    .bindMap(args).bind("l", pageSize).bind("o", (page - 1) * pageSize)
                    .map((rs, c) -> new SyncLog(rs.getLong("id"), instant(rs, "at"), rs.getString("space_id"),
                            rs.getString("integration_id"), rs.getString("ticket_id"), rs.getString("operation"),
                            rs.getString("direction"), rs.getString("status"), rs.getString("message"),
                            (Long) rs.getObject("duration_ms"), rs.getString("correlation_id")))
                    .list();
            return new Page<>(items, page, pageSize, total);
        });
    }

    /** Last sync time and counts by status, for /stats. */
    public Map<String, Object> summary(String integrationId) {
        return jdbi.withHandle(h -> {
            Map<String, Object> out = new HashMap<>();
            h.createQuery("select status, count(*) as n from sync_logs where integration_id=:i group by status")
                    .bind("i", integrationId)
                    .map((rs, c) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            h.createQuery("select max(at) as last_at, avg(duration_ms) as avg_ms from sync_logs where integration_id=:i")
                    .bind("i", integrationId)
                    .map((rs, c) -> {
                        out.put("last_sync_at", instant(rs, "last_at"));
                        Object avg = rs.getObject("avg_ms");
                        out.put("avg_duration_ms", avg == null ? null : ((Number) avg).longValue());
                        return 0;
                    }).one();
            return out;
        });
    }
}
