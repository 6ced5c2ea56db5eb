package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** {@code /requests}: create, read, partial update, list/search, close, delete (Cloud) and move to trash (on-prem). */
final class RequestResource {

    static final ListQuery.Spec LIST_SPEC = new ListQuery.Spec(Set.of("created_time", "last_updated_time", "subject",
            "id", "priority", "status", "due_by_time", "first_response_due_by_time", "scheduled_start_time",
            "scheduled_end_time"), "created_time", "desc");

    private final SdpContext ctx;

    RequestResource(SdpContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "requests", this::list)
                .add("POST", "requests", call -> ApiResponse.created(
                        Json.success("request", create(call.root("request").node(), ctx.apiUser()))))
                .add("GET", "requests/{id}", call -> ApiResponse.ok(Json.success("request", get(call.param("id")))))
                .add("PUT", "requests/{id}", call -> ApiResponse.ok(
                        Json.success("request", update(call.param("id"), call.root("request").node()))))
                .add("DELETE", "requests/{id}", this::delete)
                .add("DELETE", "requests/{id}/move_to_trash", this::delete)
                .add("PUT", "requests/{id}/close", this::close)
                .add("PUT", "requests/{id}/_close", this::close);
    }

    ObjectNode create(ObjectNode input, ObjectNode actor) {
        ObjectNode fields = ctx.fields().forCreate(input, actor);
        if (isClosed(fields)) {
            ctx.closureRule().check(fields);
        }
        return ctx.store().insert(fields).request.deepCopy();
    }

    ObjectNode get(String id) {
        return ctx.store().withTicket(id, record -> record.request.deepCopy());
    }

    /** Only the given fields change; validation happens on a copy so a rejected update changes nothing. */
    ObjectNode update(String id, ObjectNode input) {
        return ctx.store().withTicket(id, record -> {
            ObjectNode updated = record.request.deepCopy();
            ctx.fields().applyUpdate(updated, input);
            afterStatusChange(isClosed(record.request), updated);
            record.replaceRequest(updated);
            ctx.store().touch(record);
            return record.request.deepCopy();
        });
    }

    ObjectNode close(String id, JsonNode closureInfo) {
        return ctx.store().withTicket(id, record -> {
            ObjectNode updated = record.request.deepCopy();
            if (closureInfo != null && !closureInfo.isNull()) {
                updated.set("closure_info", ctx.fields().closureInfo(closureInfo));
            }
            updated.set("status", ctx.catalog().byName("status", "Closed"));
            // Closing again re-checks the rule: the portal evaluates it on every close action.
            afterStatusChange(false, updated);
            record.replaceRequest(updated);
            ctx.store().touch(record);
            return record.request.deepCopy();
        });
    }

    private void afterStatusChange(boolean wasClosed, ObjectNode updated) {
        boolean closedNow = isClosed(updated);
        if (closedNow && !wasClosed) {
            ctx.closureRule().check(updated);
            updated.set("completed_time", Json.datetime(ctx.store().stamp()));
        } else if (!closedNow && wasClosed) {
            updated.putNull("completed_time");
        }
    }

    private static boolean isClosed(ObjectNode request) {
        return "Closed".equals(FieldValue.scalar(FieldValue.at(request, "status.name"), null));
    }

    private ApiResponse list(ApiCall call) {
        ListQuery query = ListQuery.from(call.inputData(), LIST_SPEC);
        ListQuery.Page page = ctx.store().withAll(live -> query.apply(
                live.values().stream().map(record -> record.request).toList()));
        return ApiResponse.ok(Json.successList("requests", page.items(), page.listInfo()));
    }

    private ApiResponse close(ApiCall call) {
        ApiCall.Rooted rooted = call.optionalRoot("request");
        JsonNode info = rooted == null ? null : rooted.node().get("closure_info");
        return ApiResponse.ok(Json.success("request", close(call.param("id"), info)));
    }

    private ApiResponse delete(ApiCall call) {
        ctx.store().trash(call.param("id"));
        return ApiResponse.ok(Json.success(null, null));
    }
}
