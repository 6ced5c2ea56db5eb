package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;

/**
 * {@code /requests/{id}/resolutions}: the single resolution of a request, also shown as the request's
 * {@code resolution}. Setting it is a change of the request, so it bumps {@code last_updated_time}.
 */
final class ResolutionResource {

    private final SdpContext ctx;

    ResolutionResource(SdpContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        Router.Handler write = call -> ApiResponse.ok(Json.success("resolution",
                set(call.param("id"), call.root("resolution").node(), ctx.apiUser())));
        router.add("GET", "requests/{id}/resolutions", call -> ApiResponse.ok(Json.success("resolution",
                        ctx.store().withTicket(call.param("id"), record -> resolution(record.request)))))
                .add("POST", "requests/{id}/resolutions", write)
                .add("PUT", "requests/{id}/resolutions", write);
    }

    ObjectNode set(String requestId, ObjectNode input, ObjectNode actor) {
        JsonNode content = input.get("content");
        if (Json.isBlank(content)) {
            throw SdpApiException.mandatoryMissing("content");
        }
        JsonNode toLinked = input.get("add_to_linked_requests");
        if (toLinked != null && !toLinked.isNull() && !toLinked.isBoolean()) {
            throw SdpApiException.invalidValue("add_to_linked_requests");
        }
        return ctx.store().withTicket(requestId, record -> {
            apply(record, content.asText(), actor);
            if (toLinked != null && toLinked.asBoolean()) {
                for (String linkedId : new ArrayList<>(record.links.keySet())) {
                    apply(ctx.store().require(linkedId), content.asText(), actor);
                }
            }
            return resolution(record.request);
        });
    }

    private void apply(TicketRecord record, String content, ObjectNode actor) {
        ObjectNode resolution = Json.object();
        resolution.put("content", content);
        resolution.set("submitted_by", actor.deepCopy());
        resolution.set("submitted_on", Json.datetime(ctx.store().stamp()));
        record.request.set("resolution", resolution);
        ctx.store().touch(record);
    }

    private static ObjectNode resolution(ObjectNode request) {
        JsonNode resolution = request.get("resolution");
        return resolution != null && resolution.isObject() ? (ObjectNode) resolution.deepCopy() : Json.object();
    }
}
