package io.ticketbridge.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;
import io.ticketbridge.model.Json;
import io.ticketbridge.outbox.RetryPolicy;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.JobStore;
import org.jdbi.v3.core.Handle;

/** Enqueues sync jobs, coalescing pushes: one pending push per ticket and integration is enough. */
public final class SyncJobs {

    private final Hub hub;
    private final RetryPolicy policy;

    public SyncJobs(Hub hub, RetryPolicy policy) {
        this.hub = hub;
        this.policy = policy;
    }

    public void enqueuePush(Integration integration, String ticketId) {
        hub.jdbi.useTransaction(h -> enqueuePush(h, integration, ticketId));
    }

    /** In the caller's transaction; skipped when a push of this ticket is already waiting. */
    public void enqueuePush(Handle h, Integration integration, String ticketId) {
        enqueuePush(h, integration.spaceId(), integration.id(), ticketId);
    }

    public void enqueuePush(Handle h, String spaceId, String integrationId, String ticketId) {
        long waiting = h.createQuery("select count(*) from jobs where integration_id=:i and ticket_id=:t"
                        + " and kind='push' and status='pending' and attempts=0")
                .bind("i", integrationId).bind("t", ticketId).mapTo(Long.class).one();
        if (waiting > 0) {
            return;
        }
        ObjectNode payload = Json.object();
        payload.put("ticket_id", ticketId);
        hub.jobs.enqueue(h, new JobStore.NewJob(spaceId, integrationId, ticketId, "push", payload,
                policy.maxAttempts()));
    }

    /** The push of this ticket that is waiting to run, if any (e.g. the one a hub change just queued). */
    public java.util.Optional<String> waitingPush(Integration integration, String ticketId) {
        return hub.jdbi.withHandle(h -> h.createQuery("select id from jobs where integration_id=:i and ticket_id=:t"
                        + " and kind='push' and status in ('pending','in_flight') order by seq desc limit 1")
                .bind("i", integration.id()).bind("t", ticketId).mapTo(String.class).findOne());
    }

    /** A pull of everything changed, unless one is already waiting. */
    public void enqueueSync(Integration integration) {
        hub.jdbi.useTransaction(h -> {
            long waiting = h.createQuery("select count(*) from jobs where integration_id=:i and ticket_id is null"
                            + " and kind='sync' and status in ('pending','in_flight') and attempts=0")
                    .bind("i", integration.id()).mapTo(Long.class).one();
            if (waiting == 0) {
                hub.jobs.enqueue(h, new JobStore.NewJob(integration.spaceId(), integration.id(), null, "sync",
                        Json.object(), policy.maxAttempts()));
            }
        });
    }

    public Job enqueue(Handle h, Integration integration, String ticketId, String kind, ObjectNode payload,
                       String parentId) {
        return hub.jobs.enqueue(h, new JobStore.NewJob(integration.spaceId(), integration.id(), ticketId, kind,
                payload, policy.maxAttempts(), parentId, Job.PENDING));
    }
}
