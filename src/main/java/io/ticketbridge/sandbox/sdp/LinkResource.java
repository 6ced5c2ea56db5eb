package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /requests/{id}/link_requests}. Body for add and remove:
 * {@code {"link_requests":[{"linked_request":{"id":"..."},"comments":"..."}]}} [UNVERIFIED]. Every linked id must be a
 * live request other than this one, else 4001 on {@code linked_request} and nothing changes. Links show on both
 * requests.
 */
final class LinkResource {

    private final SdpContext ctx;

    LinkResource(SdpContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "requests/{id}/link_requests", call -> ApiResponse.ok(Json.successList("link_requests",
                        NoteResource.array(links(call.param("id"))), null)))
                .add("POST", "requests/{id}/link_requests", call -> {
                    List<ObjectNode> links = link(call.param("id"), items(call), ctx.apiUser());
                    ObjectNode body = Json.success(null, null);
                    body.set("link_requests", NoteResource.array(links));
                    return ApiResponse.ok(body);
                })
                .add("DELETE", "requests/{id}/link_requests", call -> {
                    unlink(call.param("id"), items(call));
                    return ApiResponse.ok(Json.success(null, null));
                });
    }

    List<ObjectNode> links(String requestId) {
        return ctx.store().withTicket(requestId, this::current);
    }

    /** Copies of the links with the linked request's subject as it is now, not as it was when linked. */
    private List<ObjectNode> current(TicketRecord record) {
        List<ObjectNode> links = new ArrayList<>();
        record.links.forEach((otherId, link) -> {
            ObjectNode copy = link.deepCopy();
            TicketRecord other = ctx.store().find(otherId);
            if (other != null) {
                copy.withObjectProperty("linked_request").set("subject", other.request.get("subject"));
            }
            links.add(copy);
        });
        return links;
    }

    /** Links every item (linked id → comments) atomically and answers the request's links afterwards. */
    List<ObjectNode> link(String requestId, Map<String, String> items, ObjectNode actor) {
        return ctx.store().withTicket(requestId, record -> {
            List<TicketRecord> others = new ArrayList<>();
            for (String otherId : items.keySet()) {
                TicketRecord other = ctx.store().find(otherId);
                if (other == null || other == record) {
                    throw SdpApiException.invalidValue("linked_request");
                }
                others.add(other);
            }
            for (TicketRecord other : others) {
                String comments = items.get(other.id());
                record.links.put(other.id(), entry(other, comments, actor));
                other.links.put(record.id(), entry(record, comments, actor));
                other.request.put("has_linked_requests", true);
                ctx.store().touchForChild(other);
            }
            record.request.put("has_linked_requests", !record.links.isEmpty());
            ctx.store().touchForChild(record);
            return current(record);
        });
    }

    void unlink(String requestId, Map<String, String> items) {
        ctx.store().withTicket(requestId, record -> {
            for (String otherId : items.keySet()) {
                if (!record.links.containsKey(otherId)) {
                    throw SdpApiException.invalidValue("linked_request");
                }
            }
            for (String otherId : items.keySet()) {
                record.links.remove(otherId);
                TicketRecord other = ctx.store().find(otherId);
                if (other != null) {
                    other.links.remove(record.id());
                    other.request.put("has_linked_requests", !other.links.isEmpty());
                    ctx.store().touchForChild(other);
                }
            }
            record.request.put("has_linked_requests", !record.links.isEmpty());
            ctx.store().touchForChild(record);
            return null;
        });
    }

    private ObjectNode entry(TicketRecord other, String comments, ObjectNode actor) {
        ObjectNode entry = Json.object();
        ObjectNode linked = entry.putObject("linked_request");
        linked.set("id", other.request.get("id"));
        linked.set("display_id", other.request.get("display_id"));
        linked.set("subject", other.request.get("subject"));
        entry.put("comments", comments);
        entry.set("linked_by", actor.deepCopy());
        entry.set("linked_time", Json.datetime(ctx.store().stamp()));
        return entry;
    }

    /** Reads the body's {@code link_requests} array into linked id → comments. */
    private static Map<String, String> items(ApiCall call) {
        ObjectNode input = call.inputData();
        JsonNode list = input == null ? null : input.get("link_requests");
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            throw SdpApiException.mandatoryMissing("link_requests");
        }
        if (!list.isArray()) {
            throw SdpApiException.invalidValue("link_requests");
        }
        Map<String, String> items = new LinkedHashMap<>();
        for (JsonNode item : (ArrayNode) list) {
            String id = Json.text(item.path("linked_request").get("id"));
            if (id == null) {
                throw SdpApiException.invalidValue("linked_request");
            }
            items.put(id, Json.text(item.get("comments")));
        }
        return items;
    }
}
