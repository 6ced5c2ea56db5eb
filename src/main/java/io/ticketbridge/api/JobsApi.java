package io.ticketbridge.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;
import io.ticketbridge.model.Json;
import io.ticketbridge.outbox.OutboxDrainer;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.JobStore;

/** The durable outbox, as operators see it. */
public final class JobsApi {

    private static final String TAG = "Jobs";
    /** The size of the jobs.payload column: a larger payload is a 400, not a 500. */
    static final int MAX_PAYLOAD_JSON = 1_000_000;

    private final ApiSupport support;
    private final Hub hub;
    private final PlatformCatalog catalog;
    private final OutboxDrainer drainer;

    public JobsApi(ApiSupport support, PlatformCatalog catalog, OutboxDrainer drainer) {
        this.support = support;
        this.hub = support.hub();
        this.catalog = catalog;
        this.drainer = drainer;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/jobs", Access.AUTHENTICATED, this::create).doc(TAG, "Queue a job").resource("job")
                .example("{\"integration_id\":\"...\",\"kind\":\"post\",\"payload\":{\"text\":\"hello\"}}")
                .returns(Job.class);
        r.add("GET", "/api/jobs", Access.AUTHENTICATED, this::list).doc(TAG, "List jobs")
                .query("status", "integration_id", "ticket_id", "parent_id", "page", "page_size")
                .returnsPage(Job.class);
        r.add("GET", "/api/jobs/{id}", Access.AUTHENTICATED, this::get).doc(TAG, "Get a job (attempts, last error,"
                + " next attempt; a bulk job adds progress and each item's outcome)");
        r.add("POST", "/api/jobs/process", Access.AUTHENTICATED, this::process)
                .doc(TAG, "Send due jobs now and wait (bounded) until the queue is idle").resource("job");
        r.add("POST", "/api/jobs/{id}/retry", Access.AUTHENTICATED, this::retry).doc(TAG, "Retry a failed job")
                .resource("job").returns(Job.class);
        r.add("POST", "/api/jobs/{id}/cancel", Access.AUTHENTICATED, this::cancel).doc(TAG, "Cancel a pending job")
                .resource("job").returns(Job.class);
    }

    private ApiResponse create(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("integration_id", "kind", "payload", "ticket_id", "max_attempts"));
        String integrationId = b.string("integration_id", true, 36);
        String kind = b.string("kind", true, 40);
        JsonNode payload = b.has("payload") ? b.raw("payload") : Json.object();
        String ticketId = b.string("ticket_id", false, 36);
        Integer maxAttempts = b.integer("max_attempts", false, 1, 20);
        if (payload != null && !payload.isObject() && !payload.isArray()) {
            b.error("'payload' must be an object or an array");
        } else if (payload != null && Json.write(payload).length() > MAX_PAYLOAD_JSON) {
            b.error("'payload' must fit in " + MAX_PAYLOAD_JSON + " characters as JSON");
        }
        b.validate();
        Integration integration = hub.jdbi.withHandle(h -> hub.integrations.get(h, req.principal().scope(),
                integrationId)).orElseThrow(() -> ApiException.validation(List.of("'integration_id' does not name an"
                + " integration you can use")));
        PlatformCatalog.Platform platform = catalog.find(integration.platform()).orElseThrow();
        if (!platform.jobKinds().contains(kind)) {
            throw ApiException.validation(List.of("'kind' must be one of " + platform.jobKinds() + " for platform "
                    + platform.name()));
        }
        if (ticketId != null && hub.jdbi.withHandle(h -> hub.tickets.get(h, integration.spaceId(), ticketId)).isEmpty()) {
            throw ApiException.validation(List.of("'ticket_id' does not name a ticket of this integration's space"));
        }
        Job job = hub.jdbi.inTransaction(h -> hub.jobs.enqueue(h, new JobStore.NewJob(integration.spaceId(),
                integration.id(), ticketId, kind, payload,
                maxAttempts == null ? drainer.policy().maxAttempts() : maxAttempts)));
        return ApiResponse.accepted(job).resource(job.id()).header("Location", "/api/jobs/" + job.id());
    }

    private ApiResponse list(ApiRequest req) {
        Query q = req.query().allow("status", "integration_id", "ticket_id", "parent_id", "page", "page_size");
        var filter = new JobStore.JobFilter(req.principal().scope(), q.string("integration_id"), q.string("ticket_id"),
                q.oneOf("status", List.of(Job.PENDING, Job.IN_FLIGHT, Job.SUCCEEDED, Job.FAILED, Job.CANCELLED,
                        Job.RUNNING)), q.string("parent_id"));
        return ApiResponse.ok(ApiSupport.page(hub.jobs.list(filter, q.page(), q.pageSize())));
    }

    Job job(ApiRequest req) {
        String id = req.pathParam("id");
        return hub.jobs.get(req.principal().scope(), id).orElseThrow(() -> ApiException.notFound("Job " + id));
    }

    private ApiResponse get(ApiRequest req) {
        Job job = job(req);
        if (Job.RUNNING.equals(job.status()) || "bulk".equals(job.kind())) {
            Map<String, Object> out = new LinkedHashMap<>(Json.toMap(Json.toNode(job)));
            out.putAll(hub.jobs.bulkStatus(job.id()));
            return ApiResponse.ok(out);
        }
        return ApiResponse.ok(job);
    }

    private ApiResponse process(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObjectOrEmpty(), Set.of("wait_seconds"));
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        drainer.drainAndWait(Duration.ofSeconds(wait == null ? 30 : wait));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("processed", true);
        out.put("pending", hub.jobs.list(new JobStore.JobFilter(req.principal().scope(), null, null, Job.PENDING, null),
                1, 1).total());
        out.put("in_flight", hub.jobs.list(new JobStore.JobFilter(req.principal().scope(), null, null, Job.IN_FLIGHT,
                null), 1, 1).total());
        out.put("failed", hub.jobs.list(new JobStore.JobFilter(req.principal().scope(), null, null, Job.FAILED, null),
                1, 1).total());
        return ApiResponse.ok(out);
    }

    private ApiResponse retry(ApiRequest req) {
        Job job = job(req);
        if (!hub.jobs.retryNow(job.id())) {
            throw ApiException.conflict("Only failed or cancelled jobs can be retried; this one is " + job.status());
        }
        return ApiResponse.ok(hub.jobs.get(null, job.id()).orElseThrow());
    }

    private ApiResponse cancel(ApiRequest req) {
        Job job = job(req);
        if (!hub.jobs.cancel(job.id())) {
            throw ApiException.conflict("Only pending jobs can be cancelled; this one is " + job.status());
        }
        return ApiResponse.ok(hub.jobs.get(null, job.id()).orElseThrow());
    }
}
