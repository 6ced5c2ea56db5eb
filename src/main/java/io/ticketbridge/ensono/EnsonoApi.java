package io.ticketbridge.ensono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.ApiRequest;
import io.ticketbridge.api.ApiResponse;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.api.Body;
import io.ticketbridge.model.Integration;
import io.ticketbridge.queue.BatchProcessor;
import io.ticketbridge.store.ParkingStore;
import io.ticketbridge.store.AuditStore;

/** Operators' view of an Ensono integration's inbound queue: health, poll now, parked groups. */
public final class EnsonoApi {

    private static final String TAG = "Ensono";

    private final EnsonoBridge bridge;
    private final EnsonoInbound inbound;
    private final AuditStore audit;

    public EnsonoApi(EnsonoBridge bridge, EnsonoInbound inbound, AuditStore audit) {
        this.bridge = bridge;
        this.inbound = inbound;
        this.audit = audit;
    }

    public void register(ApiRoutes r) {
        r.add("GET", "/api/ensono/{id}/queue", Access.AUTHENTICATED, this::queue)
                .doc(TAG, "Inbound queue health: transport, depth, oldest message age, alarms, parked").resource("integration");
        r.add("POST", "/api/ensono/{id}/poll", Access.AUTHENTICATED, this::poll)
                .doc(TAG, "Read and apply the inbound queue now until it answers empty (bounded)").resource("integration")
                .example("{\"max_batches\":10}");
        r.add("GET", "/api/ensono/{id}/parked", Access.AUTHENTICATED, this::parkedGroups)
                .doc(TAG, "Parked message groups (poison message and the later messages of its group)");
        r.add("GET", "/api/ensono/{id}/parked/{group}", Access.AUTHENTICATED, this::parkedMessages)
                .doc(TAG, "Parked messages of one group, in order");
        r.add("POST", "/api/ensono/{id}/parked/{group}/replay", Access.AUTHENTICATED, this::replay)
                .doc(TAG, "Replay a parked group in order; stops at the first failure").resource("integration");
        r.add("DELETE", "/api/ensono/{id}/parked/{group}", Access.AUTHENTICATED, this::discard)
                .doc(TAG, "Discard a parked group").resource("integration");
    }

    private Integration integration(ApiRequest req) {
        String id = req.pathParam("id");
        return bridge.hub.jdbi.withHandle(h -> bridge.hub.integrations.get(h, req.principal().scope(), id))
                .filter(i -> EnsonoBridge.PLATFORM.equals(i.platform()))
                .orElseThrow(() -> ApiException.notFound("Ensono integration " + id));
    }

    private ApiResponse queue(ApiRequest req) {
        Integration i = integration(req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("integration_id", i.id());
        out.put("transport", EnsonoInbound.transportKind(i));
        out.put("poll_interval_seconds", bridge.settings.pollIntervalMillis() / 1000.0);
        out.putAll(inbound.monitor().describe(i.id()));
        out.put("parked", inbound.parking().count(i.id()));
        return ApiResponse.ok(out);
    }

    private ApiResponse poll(ApiRequest req) {
        Integration i = integration(req);
        Body b = Body.of(req.jsonObjectOrEmpty(), java.util.Set.of("max_batches"));
        Integer max = b.integer("max_batches", false, 1, 1000);
        b.validate();
        if (!i.enabled()) {
            throw ApiException.conflict("Integration " + i.id() + " is disabled");
        }
        try {
            BatchProcessor.Result r = inbound.pollNow(i.id(), max == null ? 50 : max);
            return ApiResponse.ok(r).resource(i.id());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private ApiResponse parkedGroups(ApiRequest req) {
        Integration i = integration(req);
        List<ParkingStore.GroupSummary> groups = inbound.parking().groups(i.id());
        return ApiResponse.ok(Map.of("items", groups, "total", groups.size()));
    }

    private ApiResponse parkedMessages(ApiRequest req) {
        Integration i = integration(req);
        List<ParkingStore.Parked> messages = inbound.parking().messages(i.id(), req.pathParam("group"));
        if (messages.isEmpty()) {
            throw ApiException.notFound("Parked group " + req.pathParam("group"));
        }
        return ApiResponse.ok(Map.of("items", messages, "total", messages.size()));
    }

    private ApiResponse replay(ApiRequest req) {
        Integration i = integration(req);
        String group = req.pathParam("group");
        if (inbound.parking().messages(i.id(), group).isEmpty()) {
            throw ApiException.notFound("Parked group " + group);
        }
        BatchProcessor.ReplayResult r = inbound.processor(i.id()).orElseThrow().replay(group);
        audit.record(i.spaceId(), "ticketbridge", "REPLAY parked group " + group, "integration", i.id(),
                r.error() == null ? "success" : "failure", null, r);
        if (r.error() != null) {
            throw new ApiException(409, "replay_failed", "Replayed " + r.replayed() + " message(s); "
                    + r.remaining() + " remain parked: " + r.error(), List.of());
        }
        return ApiResponse.ok(r).resource(i.id());
    }

    private ApiResponse discard(ApiRequest req) {
        Integration i = integration(req);
        String group = req.pathParam("group");
        int n = inbound.parking().discard(i.id(), group);
        if (n == 0) {
            throw ApiException.notFound("Parked group " + group);
        }
        audit.record(i.spaceId(), "ticketbridge", "DISCARD parked group " + group, "integration", i.id(), "success",
                null, Map.of("discarded", n));
        return ApiResponse.ok(Map.of("group", group, "discarded", n)).resource(i.id());
    }
}
