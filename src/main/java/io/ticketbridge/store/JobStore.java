package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Job;
import io.ticketbridge.model.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;

/**
 * The outbox. Jobs are claimed one at a time with a conditional update and a lease, so two nodes
 * never run the same job, and a job is only claimable when no earlier job of the same ticket (same
 * integration) is still pending or in flight: outbound order per ticket.
 */
public final class JobStore {

    private static final String CLAIMABLE = "(j.status='pending' or (j.status='in_flight' and j.lease_until < :now))";

    private final Jdbi jdbi;

    public JobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record NewJob(String spaceId, String integrationId, String ticketId, String kind, JsonNode payload,
                         int maxAttempts, String parentId, String status) {
        public NewJob(String spaceId, String integrationId, String ticketId, String kind, JsonNode payload,
                      int maxAttempts) {
            this(spaceId, integrationId, ticketId, kind, payload, maxAttempts, null, Job.PENDING);
        }
    }

    /** Inserts in the caller's transaction: the job commits with the hub change that caused it. */
    public Job enqueue(Handle h, NewJob job) {
        String id = Ids.newId();
        Instant now = Instant.now();
        h.createUpdate("insert into jobs (id, space_id, integration_id, ticket_id, kind, payload, status, attempts,"
                        + " max_attempts, next_attempt_at, parent_id, correlation_id, created_at, updated_at)"
                        + " values (:id, :s, :i, :t, :k, :p, :status, 0, :max, :now, :parent, :cid, :now, :now)")
                .bind("id", id).bind("s", job.spaceId()).bind("i", job.integrationId()).bind("t", job.ticketId())
                .bind("k", job.kind()).bind("p", Json.write(job.payload() == null ? Json.object() : job.payload()))
                .bind("status", job.status()).bind("max", job.maxAttempts()).bind("parent", job.parentId())
                .bind("cid", MDC.get("correlationId")).bind("now", ts(now)).execute();
        return get(h, null, id).orElseThrow();
    }

    public Optional<Job> get(String spaceId, String id) {
        return jdbi.withHandle(h -> get(h, spaceId, id));
    }

    public Optional<Job> get(Handle h, String spaceId, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var q = h.createQuery("select * from jobs where id=:id" + (spaceId == null ? "" : " and space_id=:s"))
                .bind("id", id);
        if (spaceId != null) {
            q.bind("s", spaceId);
        }
        return q.map((rs, c) -> map(rs)).findOne();
    }

    public record JobFilter(String spaceId, String integrationId, String ticketId, String status, String parentId) {
    }

    public Page<Job> list(JobFilter f, int page, int pageSize) {
        StringBuilder where = new StringBuilder(" where 1=1");
        Map<String, Object> args = new HashMap<>();
        filter(where, args, "space_id", f.spaceId());
        filter(where, args, "integration_id", f.integrationId());
        filter(where, args, "ticket_id", f.ticketId());
        filter(where, args, "status", f.status());
        filter(where, args, "parent_id", f.parentId());
        return jdbi.withHandle(h -> {
            long total = h.createQuery("select count(*) from jobs" + where).bindMap(args).mapTo(Long.class).one();
            List<Job> items = h.createQuery("select * from jobs" + where + " order by seq desc limit :l offset :o")
                    .bindMap(args).bind("l", pageSize).bind("o", (page - 1) * pageSize)
                    .map((rs, c) -> map(rs)).list();
            return new Page<>(items, page, pageSize, total);
        });
    }

    private static void filter(StringBuilder where, Map<String, Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append("=:").append(column);
            args.put(column, value);
        }
    }

    /** Integrations that have at least one claimable job now. */
    public List<String> integrationsWithDueJobs(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("select distinct j.integration_id from jobs j where "
                        + CLAIMABLE + " and j.next_attempt_at <= :now and j.integration_id is not null")
                .bind("now", ts(now)).mapTo(String.class).list());
    }

    /** Claims the next job of this integration, honouring per-ticket order; empty when none is due. */
    public Optional<Job> claimNext(String integrationId, String owner, Instant now, Instant leaseUntil) {
        return jdbi.inTransaction(h -> {
            List<String> candidates = h.createQuery("select j.id from jobs j where j.integration_id=:i and "
                            + CLAIMABLE + " and j.next_attempt_at <= :now and not exists (select 1 from jobs p"
                            + " where p.integration_id=j.integration_id and p.ticket_id=j.ticket_id and p.seq < j.seq"
                            + " and p.status in ('pending','in_flight')) order by j.seq limit 5")
                    .bind("i", integrationId).bind("now", ts(now)).mapTo(String.class).list();
            for (String id : candidates) {
                int claimed = h.createUpdate("update jobs j set status='in_flight', lease_owner=:owner,"
                                + " lease_until=:lease, attempts=attempts+1, updated_at=:now where id=:id and "
                                + CLAIMABLE)
                        .bind("owner", owner).bind("lease", ts(leaseUntil)).bind("now", ts(now)).bind("id", id)
                        .execute();
                if (claimed == 1) {
                    return get(h, null, id);
                }
            }
            return Optional.empty();
        });
    }

    public void succeed(String id, JsonNode result, Integer status) {
        finish(id, Job.SUCCEEDED, result, status, null);
    }

    public void fail(String id, String error, Integer status) {
        finish(id, Job.FAILED, null, status, error);
    }

    private void finish(String id, String status, JsonNode result, Integer code, String error) {
        Instant now = Instant.now();
        jdbi.useHandle(h -> h.createUpdate("update jobs set status=:st, result=:r, last_status=:code,"
                        + " last_error=coalesce(:err, last_error), lease_owner=null, lease_until=null, updated_at=:now,"
                        + " completed_at=:now where id=:id")
                .bind("st", status).bind("r", result == null ? null : Json.write(result)).bind("code", code)
                .bind("err", error).bind("now", ts(now)).bind("id", id).execute());
    }

    /** Back to pending for another attempt at {@code next}. */
    public void retryAt(String id, Instant next, String error, Integer status) {
        jdbi.useHandle(h -> h.createUpdate("update jobs set status='pending', next_attempt_at=:next, last_error=:err,"
                        + " last_status=:code, lease_owner=null, lease_until=null, updated_at=:now where id=:id")
                .bind("next", ts(next)).bind("err", error).bind("code", status).bind("now", ts(Instant.now()))
                .bind("id", id).execute());
    }

    /** Back to pending without counting the attempt (circuit open, shutdown before sending). */
    public void release(String id, Instant next, String reason) {
        jdbi.useHandle(h -> h.createUpdate("update jobs set status='pending', attempts=attempts-1,"
                        + " next_attempt_at=:next, last_error=coalesce(:err, last_error), lease_owner=null,"
                        + " lease_until=null, updated_at=:now where id=:id and status='in_flight'")
                .bind("next", ts(next)).bind("err", reason).bind("now", ts(Instant.now())).bind("id", id).execute());
    }

    /** Notes on every due pending job of the integration why it is not being sent (e.g. circuit breaker open). */
    public void explainHold(String integrationId, Instant now, String reason) {
        jdbi.useHandle(h -> h.createUpdate("update jobs set last_error=:err, updated_at=:now where integration_id=:i"
                        + " and status='pending' and next_attempt_at <= :now")
                .bind("err", reason).bind("now", ts(now)).bind("i", integrationId).execute());
    }

    public boolean cancel(String id) {
        return jdbi.withHandle(h -> h.createUpdate("update jobs set status='cancelled', completed_at=:now,"
                        + " updated_at=:now where id=:id and status='pending'")
                .bind("now", ts(Instant.now())).bind("id", id).execute() == 1);
    }

    public boolean retryNow(String id) {
        return jdbi.withHandle(h -> h.createUpdate("update jobs set status='pending', attempts=0, next_attempt_at=:now,"
                        + " completed_at=null, updated_at=:now where id=:id and status in ('failed','cancelled')")
                .bind("now", ts(Instant.now())).bind("id", id).execute() == 1);
    }

    /** Single-node embedded store: whoever held a lease before this process started is gone. */
    public int recoverInFlight() {
        return jdbi.withHandle(h -> h.createUpdate("update jobs set status='pending', attempts=attempts-1,"
                        + " lease_owner=null, lease_until=null where status='in_flight'")
                .execute());
    }

    public Map<String, Long> countsByStatus(String integrationId, String parentId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("select status, count(*) as n from jobs where "
                        + (parentId != null ? "parent_id=:k" : "integration_id=:k") + " group by status")
                .bind("k", parentId != null ? parentId : integrationId)
                .map((rs, c) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** Completes a bulk parent once none of its children can still change. */
    public void completeParentIfDone(String parentId) {
        Map<String, Long> counts = countsByStatus(null, parentId);
        boolean open = counts.getOrDefault(Job.PENDING, 0L) + counts.getOrDefault(Job.IN_FLIGHT, 0L) > 0;
        if (!open) {
            long failed = counts.getOrDefault(Job.FAILED, 0L);
            String status = failed == 0 ? Job.SUCCEEDED : Job.FAILED;
            jdbi.useHandle(h -> h.createUpdate("update jobs set status=:st, result=:r, completed_at=:now, updated_at=:now"
                            + " where id=:id and status='running'")
                    .bind("st", status).bind("r", Json.write(counts)).bind("now", ts(Instant.now()))
                    .bind("id", parentId).execute());
        }
    }

    private static Job map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String result = rs.getString("result");
        return new Job(rs.getString("id"), rs.getLong("seq"), rs.getString("space_id"), rs.getString("integration_id"),
                rs.getString("ticket_id"), rs.getString("kind"), Json.read(rs.getString("payload")),
                rs.getString("status"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), (Integer) rs.getObject("last_status"),
                result == null ? null : Json.read(result), rs.getString("parent_id"), rs.getString("correlation_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "completed_at"));
    }
}
