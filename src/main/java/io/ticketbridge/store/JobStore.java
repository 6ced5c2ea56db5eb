package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

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

    // written with IN so the due-jobs index applies: an OR on status scanned every job ever run
    private static final String CLAIMABLE = "(j.status in ('pending','in_flight')"
            + " and (j.status='pending' or j.lease_until < :now))";
    /** How many of the earliest due jobs are read at once for the claims that follow. */
    private static final int CLAIM_WINDOW = 50;

    private final Jdbi jdbi;
    /** Per integration: the earliest due jobs last read, claimed one by one. */
    private final Map<String, Deque<String[]>> windows = new ConcurrentHashMap<>();

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

    /**
     * Claims the next job of this integration, honouring per-ticket order; empty when none is due.
     *
     * <p>The earliest due jobs are read a window at a time and kept here; each claim takes the next of
     * them, checks that no earlier job of its ticket is unfinished and claims it with a conditional
     * update, so a bulk of thousands is not searched again for every job. The store stays the truth:
     * a stale entry just fails its checks. Only a full window that waits behind earlier jobs of its
     * tickets needs the complete search (one busy ticket never stalls the others).
     */
    public Optional<Job> claimNext(String integrationId, String owner, Instant now, Instant leaseUntil) {
        Deque<String[]> window = windows.computeIfAbsent(integrationId, k -> new ConcurrentLinkedDeque<>());
        String due = " from jobs j where j.integration_id=:i and " + CLAIMABLE + " and j.next_attempt_at <= :now";
        for (int refill = 0; refill < 2; refill++) {
            String[] c;
            while ((c = window.poll()) != null) {
                Optional<Job> job = tryClaim(c, integrationId, owner, now, leaseUntil);
                if (job.isPresent()) {
                    return job;
                }
            }
            List<String[]> read = jdbi.withHandle(h -> h.createQuery("select j.id, j.ticket_id, j.seq" + due
                            + " order by j.seq limit " + CLAIM_WINDOW).bind("i", integrationId).bind("now", ts(now))
                    .map((rs, x) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list());
            if (read.isEmpty()) {
                return Optional.empty();
            }
            window.addAll(read);
        }
        List<String[]> unblocked = jdbi.withHandle(h -> h.createQuery("select j.id, j.ticket_id, j.seq" + due
                        + " and not exists (select 1 from jobs p where p.integration_id=j.integration_id and"
                        + " p.ticket_id=j.ticket_id and p.seq < j.seq and p.status in ('pending','in_flight'))"
                        + " order by j.seq limit 5").bind("i", integrationId).bind("now", ts(now))
                .map((rs, x) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list());
        for (String[] c : unblocked) {
            Optional<Job> job = tryClaim(c, integrationId, owner, now, leaseUntil);
            if (job.isPresent()) {
                return job;
            }
        }
        return Optional.empty();
    }

    /**
     * Drops the cached candidates of an integration (when its lane pauses): the next claim reads the
     * due jobs again in queue order, so a job released during the pause does not lose its place.
     */
    public void forgetCandidates(String integrationId) {
        windows.remove(integrationId);
    }

    /** Claims one candidate (id, ticket id, seq) if it is still due and no earlier job of its ticket is open. */
    private Optional<Job> tryClaim(String[] c, String integrationId, String owner, Instant now, Instant leaseUntil) {
        return jdbi.inTransaction(h -> {
            if (c[1] != null && h.createQuery("select count(*) from jobs p where p.integration_id=:i and"
                            + " p.ticket_id=:t and p.seq < :s and p.status in ('pending','in_flight')")
                    .bind("i", integrationId).bind("t", c[1]).bind("s", Long.parseLong(c[2])).mapTo(Long.class)
                    .one() > 0) {
                return Optional.<Job>empty();
            }
            int claimed = h.createUpdate("update jobs j set status='in_flight', lease_owner=:owner, lease_until=:lease,"
                            + " attempts=attempts+1, updated_at=:now where id=:id and j.next_attempt_at <= :now and "
                            + CLAIMABLE)
                    .bind("owner", owner).bind("lease", ts(leaseUntil)).bind("now", ts(now)).bind("id", c[0])
                    .execute();
            return claimed == 1 ? get(h, null, c[0]) : Optional.<Job>empty();
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
        // only jobs not yet saying so: it runs on every poll while the integration is held
        jdbi.useHandle(h -> h.createUpdate("update jobs set last_error=:err, updated_at=:now where integration_id=:i"
                        + " and status='pending' and next_attempt_at <= :now and (last_error is null or last_error <> :err)")
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

    /** True when an unstarted job of this kind is queued for the ticket (a new one would repeat it). */
    public boolean hasUnstarted(Handle h, String integrationId, String ticketId, String kind) {
        return h.createQuery("select count(*) from jobs where integration_id=:i and kind=:k and status='pending'"
                        + " and attempts=0 and " + (ticketId == null ? "ticket_id is null" : "ticket_id=:t"))
                .bind("i", integrationId).bind("t", ticketId).bind("k", kind).mapTo(Long.class).one() > 0;
    }

    /** True when a job of this kind is pending, in flight or succeeded for the ticket. */
    public boolean hasLive(Handle h, String integrationId, String ticketId, String kind) {
        return h.createQuery("select count(*) from jobs where integration_id=:i and ticket_id=:t and kind=:k"
                        + " and status in ('pending','in_flight','succeeded')")
                .bind("i", integrationId).bind("t", ticketId).bind("k", kind).mapTo(Long.class).one() > 0;
    }

    /** The newest job of this kind for the ticket that is waiting to run or running, if any. */
    public Optional<String> waiting(String integrationId, String ticketId, String kind) {
        return jdbi.withHandle(h -> h.createQuery("select id from jobs where integration_id=:i and ticket_id=:t"
                        + " and kind=:k and status in ('pending','in_flight') order by seq desc limit 1")
                .bind("i", integrationId).bind("t", ticketId).bind("k", kind).mapTo(String.class).findOne());
    }

    /** Completes a bulk parent once none of its children can still change. */
    public void completeParentIfDone(String parentId) {
        // cheap test first (index on parent_id, status): after most children another one is still open
        if (jdbi.withHandle(h -> h.createQuery("select 1 from jobs where parent_id=:p and status in"
                + " ('pending','in_flight') limit 1").bind("p", parentId).mapTo(Integer.class).findOne()).isPresent()) {
            return;
        }
        Map<String, Long> counts = countsByStatus(null, parentId);
        boolean open = counts.getOrDefault(Job.PENDING, 0L) + counts.getOrDefault(Job.IN_FLIGHT, 0L) > 0;
        if (!open) {
            long failed = counts.getOrDefault(Job.FAILED, 0L);
            String status = failed == 0 ? Job.SUCCEEDED : Job.FAILED;
            // the parent says what became of each item, and why the failed ones failed
            // the stored result names every failed item with its reason (bounded to fit the column); each
            // item's outcome is listed live by GET /api/jobs/{id} from the children
            List<Map<String, Object>> failures = bulkItems(parentId).stream()
                    .filter(i -> Job.FAILED.equals(i.get("status"))).limit(MAX_STORED_FAILURES).map(i -> {
                        Map<String, Object> f = new LinkedHashMap<>(i);
                        Object e = f.get("error");
                        if (e instanceof String text && text.length() > 300) {
                            f.put("error", text.substring(0, 300) + "...");
                        }
                        return f;
                    }).toList();
            Map<String, Object> result = new LinkedHashMap<>(counts);
            result.put("failed_items", failures);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            String error = failed == 0 ? null : failed + " of " + total + " item(s) failed: " + String.join("; ",
                    failures.stream().limit(5).map(i -> "ticket " + i.get("ticket_id") + ": " + i.get("error"))
                            .toList()) + (failed > 5 ? "; ..." : "");
            jdbi.useHandle(h -> h.createUpdate("update jobs set status=:st, result=:r, last_error=:err, completed_at=:now,"
                            + " updated_at=:now where id=:id and status='running'")
                    .bind("st", status).bind("r", Json.write(result))
                    .bind("err", error == null || error.length() <= 4000 ? error : error.substring(0, 4000))
                    .bind("now", ts(Instant.now())).bind("id", parentId).execute());
        }
    }

    /**
     * A bulk job's items, failures first: each child's ticket, status and attempts, and for a failure its
     * reason and status code (at most {@link #MAX_BULK_ITEMS}; GET /api/jobs?parent_id= pages through all).
     */
    public List<Map<String, Object>> bulkItems(String parentId) {
        return jdbi.withHandle(h -> h.createQuery("select id, ticket_id, kind, status, attempts, last_error, last_status"
                        + " from jobs where parent_id=:p order by case when status='failed' then 0 else 1 end, seq"
                        + " limit " + MAX_BULK_ITEMS).bind("p", parentId)
                .map((rs, c) -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("job_id", rs.getString("id"));
                    item.put("ticket_id", rs.getString("ticket_id"));
                    item.put("kind", rs.getString("kind"));
                    item.put("status", rs.getString("status"));
                    item.put("attempts", rs.getInt("attempts"));
                    if (rs.getString("last_error") != null && !Job.SUCCEEDED.equals(rs.getString("status"))) {
                        item.put("error", rs.getString("last_error"));
                    }
                    if (rs.getObject("last_status") != null) {
                        item.put("status_code", rs.getInt("last_status"));
                    }
                    return item;
                }).list());
    }

    /** The live status of a bulk job: its children counted by status and each item's outcome. */
    public Map<String, Object> bulkStatus(String parentId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("progress", countsByStatus(null, parentId));
        out.put("items", bulkItems(parentId));
        return out;
    }

    /** Failed items stored in a finished bulk job's result (about 400 characters each: within the column). */
    static final int MAX_STORED_FAILURES = 200;

    /** Items listed in a bulk job's status. */
    static final int MAX_BULK_ITEMS = 1000;

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
