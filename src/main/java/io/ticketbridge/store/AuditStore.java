package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ticketbridge.model.AuditEntry;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.SecretMasker;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;

/**
 * The audit log. Each entry is written in its own transaction, so an audit of a failed operation
 * survives that operation's rollback. Details are masked before they are stored.
 */
public final class AuditStore {

    public static final int MAX_DETAIL_CHARS = 100_000;

    private final Jdbi jdbi;

    public AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(String spaceId, String actor, String action, String resourceType, String resourceId,
                       String outcome, Integer statusCode, Object detail) {
        // masked on the parsed detail and serialized after: secret-named fields anywhere in it, key/value
        // pairs in its strings; the result is always a JSON object
        String detailJson = detail == null ? null
                : Json.write(SecretMasker.tree(Json.MAPPER.valueToTree(detail), java.util.Set.of()));
        if (detailJson != null && detailJson.length() > MAX_DETAIL_CHARS) {
            detailJson = Json.write(Map.of("truncated", true, "head", detailJson.substring(0, MAX_DETAIL_CHARS)));
        }
        String detailFinal = detailJson;
        jdbi.useHandle(h -> h.createUpdate("insert into audit_log (at, correlation_id, space_id, actor, action,"
                        + " resource_type, resource_id, outcome, status_code, detail)"
                        + " values (:at, :cid, :s, :actor, :action, :rt, :rid, :outcome, :code, :detail)")
                .bind("at", ts(Instant.now())).bind("cid", MDC.get("correlationId")).bind("s", spaceId)
                .bind("actor", actor).bind("action", truncate(action, 200)).bind("rt", resourceType)
                .bind("rid", truncate(resourceId, 200)).bind("outcome", outcome).bind("code", statusCode)
                .bind("detail", detailFinal).execute());
    }

    public Page<AuditEntry> list(String spaceId, String resourceType, String resourceId, String correlationId,
                                 int page, int pageSize) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> args = new HashMap<>();
        if (spaceId != null) {
            where.append(" and space_id=:s");
            args.put("s", spaceId);
        }
        if (resourceType != null) {
            where.append(" and resource_type=:rt");
            args.put("rt", resourceType);
        }
        if (resourceId != null) {
            where.append(" and resource_id=:rid");
            args.put("rid", resourceId);
        }
        if (correlationId != null) {
            where.append(" and correlation_id=:cid");
            args.put("cid", correlationId);
        }
        return jdbi.withHandle(h -> {
            long total = h.createQuery("select count(*) from audit_log" + where).bindMap(args).mapTo(Long.class).one();
            List<AuditEntry> items = h.createQuery("select * from audit_log" + where
                            + " order by id desc limit :limit offset :offset")
                    .bindMap(args).bind("limit", pageSize).bind("offset", (page - 1) * pageSize)
                    .map((rs, c) -> new AuditEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("correlation_id"),
                            rs.getString("space_id"), rs.getString("actor"), rs.getString("action"),
                            rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("outcome"),
                            (Integer) rs.getObject("status_code"),
                            readDetail(rs.getString("detail"))))
                    .list();
            return new Page<>(items, page, pageSize, total);
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode readDetail(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Json.read(stored);
        } catch (RuntimeException e) {
            // entries written before masking kept the JSON intact: keep such a row readable as text
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(stored);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
