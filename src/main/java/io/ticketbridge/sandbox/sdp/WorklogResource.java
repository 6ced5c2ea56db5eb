package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * {@code /requests/{id}/worklogs} with root key {@code worklog}. {@code time_spent} is answered as
 * {@code {"hours":"1","minutes":"30"}} (numbers as strings, SDP style); when only start and end times are given
 * it is derived from them. An end before the start is 4016.
 */
final class WorklogResource {

    private static final ListQuery.Spec LIST_SPEC =
            new ListQuery.Spec(Set.of("created_time", "start_time", "end_time", "id"), "created_time", "asc");
    private static final List<String> READ_ONLY = List.of("id", "created_time", "created_by");

    private final SdpContext ctx;

    WorklogResource(SdpContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("GET", "requests/{id}/worklogs", call -> {
            ListQuery.Page page = ListQuery.from(call.inputData(), LIST_SPEC).apply(worklogs(call.param("id")));
            return ApiResponse.ok(Json.successList("worklogs", page.items(), page.listInfo()));
        })
                .add("POST", "requests/{id}/worklogs", call -> ApiResponse.created(Json.success("worklog",
                        add(call.param("id"), call.root("worklog").node(), ctx.apiUser()))))
                .add("GET", "requests/{id}/worklogs/{worklog_id}", call -> ApiResponse.ok(Json.success("worklog",
                        ctx.store().withTicket(call.param("id"), r -> worklog(r, call.param("worklog_id")).deepCopy()))))
                .add("PUT", "requests/{id}/worklogs/{worklog_id}", call -> ApiResponse.ok(Json.success("worklog",
                        update(call.param("id"), call.param("worklog_id"), call.root("worklog").node()))))
                .add("DELETE", "requests/{id}/worklogs/{worklog_id}", call -> {
                    ctx.store().withTicket(call.param("id"), record -> {
                        worklog(record, call.param("worklog_id"));
                        record.worklogs.remove(call.param("worklog_id"));
                        ctx.store().touchForChild(record);
                        return null;
                    });
                    return ApiResponse.ok(Json.success(null, null));
                });
    }

    ObjectNode add(String requestId, ObjectNode input, ObjectNode actor) {
        ObjectNode worklog = Json.object();
        worklog.putNull("description");
        worklog.set("owner", actor.deepCopy());
        worklog.putObject("time_spent").put("hours", "0").put("minutes", "0");
        worklog.putNull("start_time");
        worklog.putNull("end_time");
        worklog.put("include_nonoperational_hours", false);
        apply(worklog, input);
        if (!input.has("time_spent") && worklog.hasNonNull("start_time") && worklog.hasNonNull("end_time")) {
            long minutes = (millis(worklog, "end_time") - millis(worklog, "start_time")) / 60_000L;
            worklog.putObject("time_spent").put("hours", Long.toString(minutes / 60)).put("minutes",
                    Long.toString(minutes % 60));
        }
        return ctx.store().withTicket(requestId, record -> {
            worklog.put("id", ctx.store().newId());
            worklog.set("created_by", actor.deepCopy());
            worklog.set("created_time", Json.datetime(ctx.store().stamp()));
            record.worklogs.put(worklog.get("id").asText(), worklog);
            ctx.store().touchForChild(record);
            return worklog.deepCopy();
        });
    }

    ObjectNode update(String requestId, String worklogId, ObjectNode input) {
        return ctx.store().withTicket(requestId, record -> {
            ObjectNode updated = worklog(record, worklogId).deepCopy();
            apply(updated, input);
            record.worklogs.put(worklogId, updated);
            ctx.store().touchForChild(record);
            return updated.deepCopy();
        });
    }

    List<ObjectNode> worklogs(String requestId) {
        return ctx.store().withTicket(requestId, record -> NoteResource.copies(record.worklogs.values()));
    }

    private void apply(ObjectNode worklog, ObjectNode input) {
        for (String field : READ_ONLY) {
            if (input.has(field)) {
                throw SdpApiException.readOnly(field);
            }
        }
        input.properties().forEach(entry -> {
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            boolean isNull = value == null || value.isNull();
            if ("owner".equals(field)) {
                worklog.set(field, isNull ? null : ctx.catalog().user(field, value));
            } else if ("start_time".equals(field) || "end_time".equals(field)) {
                worklog.set(field, isNull ? null : Json.datetime(RequestFields.epochMillis(field, value)));
            } else if ("time_spent".equals(field)) {
                worklog.set(field, timeSpent(value));
            } else if ("type".equals(field)) {
                worklog.set(field, isNull ? null : ctx.catalog().freeLookup(field, value));
            } else {
                worklog.set(field, isNull ? null : value.deepCopy());
            }
        });
        if (worklog.hasNonNull("start_time") && worklog.hasNonNull("end_time")
                && millis(worklog, "end_time") < millis(worklog, "start_time")) {
            throw SdpApiException.timeMismatch("end_time");
        }
    }

    private static ObjectNode timeSpent(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw SdpApiException.invalidValue("time_spent");
        }
        long hours = wholeNumber(value.get("hours"));
        long minutes = wholeNumber(value.get("minutes"));
        // 90 minutes is shown as 1h 30m by the portal, so carry rather than reject.
        ObjectNode normalized = Json.object();
        normalized.put("hours", Long.toString(hours + minutes / 60));
        normalized.put("minutes", Long.toString(minutes % 60));
        return normalized;
    }

    private static long wholeNumber(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        String text = node.asText().trim();
        if (!(node.isIntegralNumber() || node.isTextual()) || !text.matches("\\d{1,9}")) {
            throw SdpApiException.invalidValue("time_spent");
        }
        return Long.parseLong(text);
    }

    private static long millis(ObjectNode worklog, String field) {
        return Long.parseLong(worklog.get(field).get("value").asText());
    }

    private static ObjectNode worklog(TicketRecord record, String worklogId) {
        ObjectNode worklog = record.worklogs.get(worklogId);
        if (worklog == null) {
            throw SdpApiException.notFound("Worklog " + worklogId + " does not exist");
        }
        return worklog;
    }
}
