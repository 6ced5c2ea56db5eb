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
        if (hub.jobs.hasUnstarted(h, integrationId, ticketId, "push")) {
            return;
        }
        ObjectNode payload = Json.object();
        payload.put("ticket_id", ticketId);
        hub.jobs.enqueue(h, new JobStore.NewJob(spaceId, integrationId, ticketId, "push", payload,
                policy.maxAttempts()));
    }

    /** The push of this ticket that is waiting to run, if any (e.g. the one a hub change just queued). */
    public java.util.Optional<String> waitingPush(Integration integration, String ticketId) {
        return hub.jobs.waiting(integration.id(), ticketId, "push");
    }

    /** A pull of everything changed, unless one is already waiting. */
    public void enqueueSync(Integration integration) {
        hub.jdbi.useTransaction(h -> {
            if (!hub.jobs.hasUnstarted(h, integration.id(), null, "sync")) {
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
