package io.ticketbridge.api.desk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.ApiRequest;
import io.ticketbridge.api.ApiResponse;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.api.Body;
import io.ticketbridge.api.Query;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.JobStore;
import io.ticketbridge.connector.DeskMapper;
import io.ticketbridge.connector.DeskOperation;

/**
 * Seed 000's ticket operations for any service desk integration, by id or alias
 * (/api/integrations/manageengine-servicedesk/push ...): push, update, sync, delete, list/search,
 * bulk push through the job queue, jobs.
 */
public final class DeskApi {

    private static final String TAG = "Service desk sync";
    private static final Set<String> PUSH_FIELDS = Set.of("ticket_id", "space_id", "syncComments", "syncAttachments",
            "syncTimeLogs", "syncResolution", "template", "wait_seconds");

    private final DeskCalls calls;
    private final ConnectorGateway gateway;

    public DeskApi(DeskCalls calls, ConnectorGateway gateway) {
        this.calls = calls;
        this.gateway = gateway;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/integrations/{id}/push", Access.AUTHENTICATED, this::push).doc(TAG, "Push a hub ticket")
                .resource("integration").example("{\"ticket_id\":\"...\",\"syncComments\":true,"
                        + "\"syncAttachments\":true,\"syncTimeLogs\":true}");
        r.add("POST", "/api/integrations/{id}/update", Access.AUTHENTICATED, this::update)
                .doc(TAG, "Update the linked desk ticket (only changed fields)").resource("integration")
                .example("{\"ticket_id\":\"...\",\"fields\":{\"priority\":\"urgent\"}}");
        r.add("POST", "/api/integrations/{id}/sync", Access.AUTHENTICATED, this::sync)
                .doc(TAG, "Pull from the desk: one ticket, or everything changed since the last pull")
                .resource("integration");
        r.add("POST", "/api/integrations/{id}/delete", Access.AUTHENTICATED, this::delete)
                .doc(TAG, "Delete the linked desk ticket").resource("integration");
        r.add("GET", "/api/integrations/{id}/list", Access.AUTHENTICATED, this::list)
                .doc(TAG, "List or search desk tickets").query("search", "status", "page", "page_size", "space_id",
                        "integration_id");
        r.add("POST", "/api/integrations/{id}/bulk-push", Access.AUTHENTICATED, this::bulkPush)
                .doc(TAG, "Push many tickets (through the job queue for more than 5)").resource("integration")
                .example("{\"ticket_ids\":[\"...\",\"...\"],\"useJobQueue\":true}");
        r.add("GET", "/api/integrations/{id}/jobs", Access.AUTHENTICATED, this::jobs)
                .doc(TAG, "Jobs of this integration, or one job (?job_id=) with bulk progress")
                .query("job_id", "status", "page", "page_size", "space_id", "integration_id");
        r.add("POST", "/api/integrations/{id}/jobs", Access.AUTHENTICATED, this::createJob)
                .doc(TAG, "Queue a job {ticket_id, kind}").resource("integration");
        r.add("POST", "/api/integrations/{id}/jobs/process", Access.AUTHENTICATED, this::process)
                .doc(TAG, "Send this integration's due jobs now").resource("integration");
    }

    private ApiResponse push(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), PUSH_FIELDS);
        String ticketId = b.string("ticket_id", true, 36);
        b.string("space_id", false, 36);
        Boolean comments = b.bool("syncComments", false);
        Boolean attachments = b.bool("syncAttachments", false);
        Boolean timeLogs = b.bool("syncTimeLogs", false);
        Boolean resolution = b.bool("syncResolution", false);
        String template = b.string("template", false, 200);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        if (template != null && calls.hub.jdbi.withHandle(h -> calls.hub.mappings.template(h, i.id(), template)).isEmpty()) {
            throw ApiException.validation(List.of("template '" + template + "' does not exist"));
        }
        ObjectNode payload = Json.object();
        payload.put("ticket_id", t.id());
        payload.put("syncComments", comments == null || comments);
        payload.put("syncAttachments", attachments == null || attachments);
        payload.put("syncTimeLogs", timeLogs == null || timeLogs);
        payload.put("syncResolution", resolution == null || resolution);
        if (template != null) {
            payload.put("template", template);
        }
        return calls.runJob(i, t.id(), "push", payload, wait);
    }

    private ApiResponse update(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "fields", "wait_seconds"));
        String ticketId = b.string("ticket_id", true, 36);
        ObjectNode fields = b.object("fields", false);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        if (calls.hub.jdbi.withHandle(h -> calls.hub.links.byTicket(h, i.id(), t.id())).isEmpty()) {
            throw ApiException.conflict("Ticket " + t.number() + " is not linked to this integration; push it first");
        }
        if (fields != null && !fields.isEmpty()) {
            DeskTicketChanges.apply(calls.tickets, t, fields);
        }
        return calls.runPushFor(i, t.id(), "update", wait);
    }

    private ApiResponse sync(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObjectOrEmpty(), Set.of("ticket_id", "space_id", "wait_seconds"));
        String ticketId = b.string("ticket_id", false, 36);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        Integration i = calls.desk(req);
        ObjectNode payload = Json.object();
        if (ticketId != null) {
            Ticket t = calls.ticket(i, ticketId);
            if (calls.hub.jdbi.withHandle(h -> calls.hub.links.byTicket(h, i.id(), t.id())).isEmpty()) {
                throw ApiException.conflict("Ticket " + t.number() + " is not linked to this integration");
            }
            payload.put("ticket_id", t.id());
        }
        return calls.runJob(i, ticketId, "sync", payload, wait);
    }

    private ApiResponse delete(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "wait_seconds"));
        String ticketId = b.string("ticket_id", true, 36);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        if (calls.hub.jdbi.withHandle(h -> calls.hub.links.byTicket(h, i.id(), t.id())).isEmpty()) {
            throw ApiException.conflict("Ticket " + t.number() + " is not linked to this integration");
        }
        return calls.runJob(i, t.id(), "delete", Json.object().put("ticket_id", t.id()), wait);
    }

    private ApiResponse list(ApiRequest req) {
        Query q = req.query().allow("search", "status", "page", "page_size", "space_id", "integration_id");
        String search = q.string("search");
        String status = q.string("status");
        int page = q.page();
        int size = q.integer("page_size", 20, 1, 100);
        Integration i = calls.desk(req);
        DeskMapper mapper = calls.desks.find(i.platform()).orElseThrow();
        JsonNode answer;
        try {
            answer = gateway.call(i, DeskOperation.LIST_TICKETS, mapper.searchQuery(search, status, page, size),
                    Map.of());
        } catch (DeskException e) {
            throw DeskErrors.toApi(e);
        }
        DeskMapper.SearchPage found = mapper.searchPage(answer, size);
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode remote : found.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("remote_id", mapper.remoteId(remote));
            item.put("remote_number", mapper.remoteNumber(remote));
            item.put("fields", mapper.toCanonical(remote, List.of()));
            item.put("linked_ticket_id", calls.hub.jdbi.withHandle(h -> calls.hub.links.byRemoteId(h, i.id(),
                    mapper.remoteId(remote))).map(l -> l.ticketId()).orElse(null));
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("page", page);
        out.put("page_size", size);
        out.put("total", found.total());
        out.put("has_more", found.hasMore());
        return ApiResponse.ok(out);
    }

    private ApiResponse bulkPush(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_ids", "space_id", "useJobQueue", "syncComments",
                "syncAttachments", "syncTimeLogs"));
        List<String> ids = b.stringList("ticket_ids", 10_000, 36);
        Boolean useQueue = b.bool("useJobQueue", false);
        b.bool("syncComments", false);
        b.bool("syncAttachments", false);
        b.bool("syncTimeLogs", false);
        b.string("space_id", false, 36);
        if (ids == null || ids.isEmpty()) {
            b.error("'ticket_ids' must list at least one ticket id");
        }
        b.validate();
        Integration i = calls.desk(req);
        List<Ticket> tickets = ids.stream().distinct().map(id -> calls.ticket(i, id)).toList();
        ObjectNode flags = Json.object();
        for (String f : List.of("syncComments", "syncAttachments", "syncTimeLogs")) {
            flags.put(f, !b.has(f) || b.raw(f).asBoolean(true));
        }
        boolean queued = Boolean.TRUE.equals(useQueue) || tickets.size() > 5;
        if (!queued) {
            List<Object> results = new ArrayList<>();
            for (Ticket t : tickets) {
                ObjectNode payload = flags.deepCopy().put("ticket_id", t.id());
                try {
                    results.add(calls.runJob(i, t.id(), "push", payload, null).body());
                } catch (ApiException e) {
                    results.add(Map.of("success", false, "ticket_id", t.id(), "error", e.getMessage()));
                }
            }
            return ApiResponse.ok(Map.of("queued", false, "results", results));
        }
        Job parent = calls.hub.jdbi.inTransaction(h -> {
            Job p = calls.hub.jobs.enqueue(h, new JobStore.NewJob(i.spaceId(), i.id(), null, "bulk",
                    Json.object().put("total", tickets.size()), 1, null, Job.RUNNING));
            for (Ticket t : tickets) {
                calls.jobs.enqueue(h, i, t.id(), "push", flags.deepCopy().put("ticket_id", t.id()), p.id());
            }
            return p;
        });
        calls.drainer.drain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queued", true);
        out.put("jobId", parent.id());
        out.put("job_id", parent.id());
        out.put("total", tickets.size());
        out.put("status_url", "/api/integrations/" + i.id() + "/jobs?job_id=" + parent.id());
        return ApiResponse.accepted(out).resource(parent.id());
    }

    private ApiResponse jobs(ApiRequest req) {
        Query q = req.query().allow("job_id", "status", "page", "page_size", "space_id", "integration_id");
        Integration i = calls.desk(req);
        String jobId = q.string("job_id");
        if (jobId != null) {
            Job job = calls.hub.jobs.get(i.spaceId(), jobId).filter(j -> i.id().equals(j.integrationId()))
                    .orElseThrow(() -> ApiException.notFound("Job " + jobId));
            Map<String, Object> out = new LinkedHashMap<>(Json.toMap(Json.toNode(job)));
            if ("bulk".equals(job.kind())) {
                out.putAll(calls.hub.jobs.bulkStatus(job.id()));
            }
            return ApiResponse.ok(out);
        }
        return ApiResponse.ok(ApiSupport.page(calls.hub.jobs.list(new JobStore.JobFilter(i.spaceId(), i.id(), null,
                q.string("status"), null), q.page(), q.pageSize())));
    }

    private ApiResponse createJob(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "kind", "space_id", "payload"));
        String ticketId = b.string("ticket_id", false, 36);
        String kind = b.oneOf("kind", true, List.of("push", "update", "sync", "delete", "comment", "attachment",
                "time_log", "resolution"));
        b.validate();
        Integration i = calls.desk(req);
        ObjectNode payload = Json.object();
        if (ticketId != null) {
            payload.put("ticket_id", calls.ticket(i, ticketId).id());
        } else if (!"sync".equals(kind)) {
            throw ApiException.validation(List.of("'ticket_id' is required for kind " + kind));
        }
        Job job = calls.hub.jdbi.inTransaction(h -> calls.jobs.enqueue(h, i, ticketId, kind, payload, null));
        calls.drainer.drain();
        return ApiResponse.accepted(job).resource(job.id()).header("Location", "/api/jobs/" + job.id());
    }

    private ApiResponse process(ApiRequest req) throws InterruptedException {
        req.jsonObjectOrEmpty();
        Integration i = calls.desk(req);
        calls.drainer.drainAndWait(java.time.Duration.ofSeconds(30));
        return ApiResponse.ok(Map.of("processed", true, "jobs", calls.hub.jobs.countsByStatus(i.id(), null)));
    }
}
