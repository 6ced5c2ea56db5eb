package io.ticketbridge.api.desk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.ApiRequest;
import io.ticketbridge.api.ApiResponse;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.outbox.OutboxDrainer;
import io.ticketbridge.store.Hub;
import io.ticketbridge.sync.Desks;
import io.ticketbridge.sync.SyncJobs;

/**
 * What the desk endpoints share: resolving the desk integration (by id or alias), the hub ticket a
 * body names, and running a durable job while the caller waits a bounded time for its outcome.
 */
public final class DeskCalls {

    final ApiSupport support;
    final Hub hub;
    final PlatformCatalog catalog;
    final Desks desks;
    final OutboxDrainer drainer;
    final SyncJobs jobs;
    final TicketService tickets;
    private final Duration defaultWait;

    public DeskCalls(ApiSupport support, PlatformCatalog catalog, Desks desks, OutboxDrainer drainer, SyncJobs jobs,
                     TicketService tickets, Duration defaultWait) {
        this.tickets = tickets;
        this.support = support;
        this.hub = support.hub();
        this.catalog = catalog;
        this.desks = desks;
        this.drainer = drainer;
        this.jobs = jobs;
        this.defaultWait = defaultWait;
    }

    Integration desk(ApiRequest req) {
        Integration i = support.integration(req, catalog);
        if (!desks.isDesk(i.platform())) {
            throw ApiException.validation(List.of("integration " + i.id() + " (" + i.platform()
                    + ") is not a service desk integration"));
        }
        return i;
    }

    Ticket ticket(Integration i, String ticketId) {
        if (ticketId == null) {
            throw ApiException.validation(List.of("'ticket_id' is required"));
        }
        if (!Ids.isValid(ticketId)) {
            throw ApiException.validation(List.of("'ticket_id' must be a hub ticket id"));
        }
        return hub.jdbi.withHandle(h -> hub.tickets.get(h, i.spaceId(), ticketId))
                .orElseThrow(() -> ApiException.notFound("Ticket " + ticketId));
    }

    /** Enqueues a job and waits for it; 200 with the job's result, 202 while it is still retrying. */
    ApiResponse runJob(Integration i, String ticketId, String kind, ObjectNode payload, Integer waitSeconds)
            throws InterruptedException {
        Job job = hub.jdbi.inTransaction(h -> jobs.enqueue(h, i, ticketId, kind, payload, null));
        return jobOutcome(drainer.awaitJob(job.id(), waitSeconds == null ? defaultWait
                : Duration.ofSeconds(waitSeconds)));
    }

    /**
     * After a hub change to a linked ticket: waits for the push that change queued (or queues one
     * of {@code kind} when auto sync is off), so the caller sees the change reach the desk.
     */
    ApiResponse runPushFor(Integration i, String ticketId, String kind, Integer waitSeconds)
            throws InterruptedException {
        var waiting = jobs.waitingPush(i, ticketId);
        if (waiting.isEmpty()) {
            return runJob(i, ticketId, kind, io.ticketbridge.model.Json.object().put("ticket_id", ticketId),
                    waitSeconds);
        }
        return jobOutcome(drainer.awaitJob(waiting.get(), waitSeconds == null ? defaultWait
                : Duration.ofSeconds(waitSeconds)));
    }

    static ApiResponse jobOutcome(Job job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", Job.SUCCEEDED.equals(job.status()));
        out.put("job_id", job.id());
        out.put("status", job.status());
        out.put("attempts", job.attempts());
        if (job.result() != null) {
            out.put("result", job.result());
            job.result().properties().forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        }
        if (Job.FAILED.equals(job.status())) {
            throw new ApiException(job.lastStatus() != null && job.lastStatus() == 401 ? 502 : 422, "sync_failed",
                    job.lastError() == null ? "the job failed" : job.lastError(), List.of())
                    .withHeader("X-Job-Id", job.id());
        }
        if (!job.isTerminal()) {
            out.put("next_attempt_at", job.nextAttemptAt());
            out.put("last_error", job.lastError());
            return ApiResponse.accepted(out).header("Location", "/api/jobs/" + job.id()).resource(job.ticketId());
        }
        return ApiResponse.ok(out).resource(job.ticketId());
    }
}
