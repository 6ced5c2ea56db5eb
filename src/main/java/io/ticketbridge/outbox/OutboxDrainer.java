package io.ticketbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;
import io.ticketbridge.store.JobStore;
import io.ticketbridge.store.Sql;
import io.ticketbridge.store.SyncLogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drains the outbox. Each integration gets one lane (a worker that sends that integration's due
 * jobs one after another), so calls to one vendor are sequential and paced while different vendors
 * proceed in parallel. Retries are durable: a failed attempt reschedules the job in the store
 * rather than holding a thread, so a restart loses nothing.
 */
public final class OutboxDrainer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);

    private final JobStore jobs;
    private final JobExecutor executor;
    private final RetryPolicy policy;
    private final CircuitBreakers breakers;
    private final Duration breakerOpenWait;
    private final Duration lease;
    private final Function<String, Optional<Integration>> integrations;
    private final SyncLogStore syncLogs;
    private final ExecutorService lanes;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    /** Why an integration is paused by its open circuit breaker: said on jobs that come due meanwhile too. */
    private final Map<String, String> holdReason = new ConcurrentHashMap<>();
    private final String owner = "node-" + UUID.randomUUID();
    private volatile boolean accepting = true;

    public OutboxDrainer(JobStore jobs, JobExecutor executor, RetryPolicy policy, CircuitBreakers breakers,
                         Duration breakerOpenWait, Duration lease, int maxLanes,
                         Function<String, Optional<Integration>> integrations, SyncLogStore syncLogs) {
        this.jobs = jobs;
        this.executor = executor;
        this.policy = policy;
        this.breakers = breakers;
        this.breakerOpenWait = breakerOpenWait;
        this.lease = lease;
        this.integrations = integrations;
        this.syncLogs = syncLogs;
        this.lanes = Executors.newFixedThreadPool(maxLanes, r -> {
            Thread t = new Thread(r, "outbox-lane");
            t.setDaemon(true);
            return t;
        });
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Starts a lane for every integration with due jobs; true when any lane is active. */
    public boolean drain() {
        if (!accepting) {
            return false;
        }
        Instant now = Instant.now();
        for (String integrationId : jobs.integrationsWithDueJobs(now)) {
            Instant paused = pausedUntil.get(integrationId);
            if (paused != null && now.isBefore(paused)) {
                String reason = holdReason.get(integrationId);
                if (reason != null) {
                    jobs.explainHold(integrationId, now, reason);
                }
                continue;
            }
            holdReason.remove(integrationId);
            running.compute(integrationId, (id, lane) ->
                    lane != null && !lane.isDone() ? lane : lanes.submit(() -> runLane(id)));
        }
        running.values().removeIf(Future::isDone);
        return !running.isEmpty();
    }

    /** Drains now and waits (bounded) until every lane is idle: POST /api/jobs/process. */
    public void drainAndWait(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (drain() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * Starts the job's lane at once and waits (bounded) until the job is finished; returns its
     * latest state either way (the API answers 202 with it when the wait runs out).
     */
    public Job awaitJob(String jobId, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Job job = jobs.get(null, jobId).orElseThrow();
        while (!job.isTerminal() && System.nanoTime() < deadline) {
            drain();
            TimeUnit.MILLISECONDS.sleep(25);
            job = jobs.get(null, jobId).orElseThrow();
        }
        return job;
    }

    private void runLane(String integrationId) {
        MDC.put("integrationId", integrationId);
        try {
            while (accepting) {
                Instant now = Instant.now();
                Instant paused = pausedUntil.get(integrationId);
                if (paused != null && now.isBefore(paused)) {
                    return;
                }
                Optional<Job> job = jobs.claimNext(integrationId, owner, now, now.plus(lease));
                if (job.isEmpty()) {
                    return;
                }
                run(job.get());
            }
        } catch (RuntimeException e) {
            LOG.error("Outbox lane for integration {} stopped unexpectedly", integrationId, e);
        } finally {
            MDC.remove("integrationId");
        }
    }

    private void run(Job job) {
        MDC.put("jobId", job.id());
        // the call that queued the job and the calls the job makes share one correlation id
        MDC.put("correlationId", job.correlationId() != null ? job.correlationId() : "job-" + job.id());
        if (job.ticketId() != null) {
            MDC.put("ticketId", job.ticketId());
        }
        try {
            Optional<Integration> integration = integrations.apply(job.integrationId());
            if (integration.isEmpty() || !integration.get().enabled()) {
                jobs.fail(job.id(), integration.isEmpty() ? "integration no longer exists" : "integration is disabled",
                        null);
                return;
            }
            CircuitBreaker breaker = breakers.forIntegration(job.integrationId());
            if (!breaker.tryAcquirePermission()) {
                Instant now = Instant.now();
                Instant retry = now.plus(breakerOpenWait);
                String reason = "circuit breaker open for this integration; next try at " + retry;
                jobs.release(job.id(), retry, reason);
                // the integration's other due jobs wait too: say why on them as well
                jobs.explainHold(job.integrationId(), now, reason);
                holdReason.put(job.integrationId(), reason);
                pausedUntil.put(job.integrationId(), retry);
                jobs.forgetCandidates(job.integrationId());
                return;
            }
            attempt(job, integration.get(), breaker);
        } finally {
            if (job.parentId() != null) {
                try {
                    jobs.completeParentIfDone(job.parentId());
                } catch (RuntimeException e) {
                    // the child's outcome is stored; the parent completes with a later child or on its next check
                    LOG.error("Could not complete bulk job {}: {}", job.parentId(), e.toString());
                }
            }
            MDC.remove("jobId");
            MDC.remove("ticketId");
            MDC.remove("correlationId");
        }
    }

    private void attempt(Job job, Integration integration, CircuitBreaker breaker) {
        long start = System.nanoTime();
        try {
            JobExecutor.Result result = executor.execute(job, integration);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            jobs.succeed(job.id(), result.body(), result.status());
            log(job, "success", "attempt " + job.attempts() + " succeeded", start);
        } catch (JobExecutor.NotNow e) {
            breaker.releasePermission();
            jobs.release(job.id(), Instant.now(), e.getMessage());
        } catch (DeskUnavailableException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            Duration retryAfter = e.retryAfter().orElse(null);
            if (retryAfter != null) {
                holdReason.remove(job.integrationId());
                pausedUntil.put(job.integrationId(), Instant.now().plus(policy.delayAfter(job.attempts(), retryAfter)));
                jobs.forgetCandidates(job.integrationId());
            }
            if (job.attempts() >= job.maxAttempts()) {
                jobs.fail(job.id(), describe(e), code(e));
                log(job, "failed", "gave up after " + job.attempts() + " attempts: " + describe(e), start);
            } else {
                Instant next = Instant.now().plus(policy.delayAfter(job.attempts(), retryAfter));
                jobs.retryAt(job.id(), next, describe(e), code(e));
                log(job, "retrying", describe(e) + "; retry at " + next, start);
            }
        } catch (DeskAuthenticationException | DeskRejectedException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            jobs.fail(job.id(), describe(e), code(e));
            log(job, "failed", describe(e), start);
        } catch (Exception e) {
            String store = Sql.describe(e);
            if (store != null) {
                // the hub store, not the vendor: a lock timeout or a concurrent writer is worth another attempt,
                // and the SQL text stays in the log
                breaker.releasePermission();
                LOG.warn("Job {} ({}) hit a hub store error: {}", job.id(), job.kind(), e.toString());
                if (job.attempts() >= job.maxAttempts()) {
                    jobs.fail(job.id(), store, null);
                    log(job, "failed", "gave up after " + job.attempts() + " attempts: " + store, start);
                } else {
                    Instant next = Instant.now().plus(policy.delayAfter(job.attempts(), null));
                    jobs.retryAt(job.id(), next, store, null);
                    log(job, "retrying", store + "; retry at " + next, start);
                }
                return;
            }
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            LOG.warn("Job {} ({}) failed without a vendor outcome: {}", job.id(), job.kind(), e.toString());
            jobs.fail(job.id(), describe(e), null);
            log(job, "failed", describe(e), start);
        }
    }

    private void log(Job job, String status, String message, long startNanos) {
        syncLogs.record(job.spaceId(), job.integrationId(), job.ticketId(), job.kind(), "out", status, message,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static Integer code(DeskException e) {
        return e.statusCode() == 0 ? null : e.statusCode();
    }

    public String breakerState(String integrationId) {
        return breakers.state(integrationId);
    }

    /** Stops claiming new jobs; lets running attempts finish within the grace period. */
    public void stop(Duration grace) {
        accepting = false;
        lanes.shutdown();
        try {
            if (!lanes.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Outbox lanes still busy after {}; their jobs return to pending at the next start",
                        grace);
                lanes.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAccepting() {
        return accepting;
    }
}
