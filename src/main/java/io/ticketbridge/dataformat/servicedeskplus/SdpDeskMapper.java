package io.ticketbridge.dataformat.servicedeskplus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.connector.DeskMapper;

/** ServiceDesk Plus v3 objects for the generic sync: requests, notes, worklogs, attachments. */
public final class SdpDeskMapper implements DeskMapper {

    private final SdpRequestMapper requests;

    public SdpDeskMapper(SdpRequestMapper requests) {
        this.requests = requests;
    }

    @Override
    public String platform() {
        return "servicedeskplus";
    }

    @Override
    public Set<String> syncedFields(List<FieldMapping> custom) {
        return SdpRequestMapper.syncedFields(custom);
    }

    @Override
    public JsonNode toRemote(Map<String, Object> fields, List<FieldMapping> custom, TicketTemplate template) {
        return requests.toRequest(fields, custom, template);
    }

    @Override
    public Map<String, Object> toCanonical(JsonNode remote, List<FieldMapping> custom) {
        return requests.fromRequest(remote, custom);
    }

    @Override
    public String remoteId(JsonNode remote) {
        return remote.path("id").asText(null);
    }

    @Override
    public String remoteNumber(JsonNode remote) {
        return remote.hasNonNull("display_id") ? remote.get("display_id").asText() : remoteId(remote);
    }

    @Override
    public Instant remoteUpdatedAt(JsonNode remote) {
        return epoch(remote.path("last_updated_time").path("value"));
    }

    @Override
    public JsonNode changedSinceQuery(Instant since, int pageSize) {
        ObjectNode info = Json.object();
        info.put("row_count", Math.min(100, pageSize));
        info.put("start_index", 1);
        info.put("sort_field", "last_updated_time");
        info.put("sort_order", "asc");
        if (since != null) {
            ObjectNode c = info.putArray("search_criteria").addObject();
            c.put("field", "last_updated_time");
            c.put("condition", "greater than");
            c.put("value", String.valueOf(since.toEpochMilli()));
        }
        return info;
    }

    @Override
    public JsonNode createdSinceQuery(Map<String, Object> fields, Instant since) {
        ObjectNode info = Json.object();
        info.put("row_count", 10);
        info.put("start_index", 1);
        info.put("sort_field", "created_time");
        info.put("sort_order", "asc");
        var criteria = info.putArray("search_criteria");
        criteria.addObject().put("field", "subject").put("condition", "is")
                .put("value", String.valueOf(fields.get("subject")));
        criteria.addObject().put("field", "created_time").put("condition", "greater than")
                .put("value", String.valueOf(since.toEpochMilli())).put("logical_operator", "and");
        return info;
    }

    @Override
    public List<JsonNode> listItems(JsonNode listResponse) {
        List<JsonNode> out = new ArrayList<>();
        listResponse.path("requests").forEach(out::add);
        return out;
    }

    @Override
    public JsonNode commentToRemote(Comment c) {
        ObjectNode note = Json.object();
        String author = c.author() == null ? "" : "[" + c.author() + "] ";
        note.put("description", author + c.body());
        note.put("show_to_requester", c.isPublic());
        note.put("mark_first_response", false);
        note.put("add_to_linked_requests", false);
        return note;
    }

    @Override
    public JsonNode timeLogToRemote(TimeLog t) {
        ObjectNode w = Json.object();
        w.put("description", t.description() == null ? "" : t.description());
        ObjectNode spent = w.putObject("time_spent");
        spent.put("hours", t.minutes() / 60);
        spent.put("minutes", t.minutes() % 60);
        if (t.startedAt() != null) {
            w.putObject("start_time").put("value", String.valueOf(t.startedAt().toEpochMilli()));
            w.putObject("end_time").put("value",
                    String.valueOf(t.startedAt().plusSeconds(t.minutes() * 60L).toEpochMilli()));
        }
        return w;
    }

    @Override
    public List<RemoteComment> comments(JsonNode listResponse) {
        List<RemoteComment> out = new ArrayList<>();
        for (JsonNode n : listResponse.path("notes")) {
            JsonNode by = n.path("created_by");
            out.add(new RemoteComment(n.path("id").asText(), n.path("description").asText(""),
                    by.path("name").asText(null), by.path("email_id").asText(null),
                    n.path("show_to_requester").asBoolean(false), epoch(n.path("created_time").path("value"))));
        }
        return out;
    }

    @Override
    public List<RemoteAttachment> attachments(JsonNode listResponse) {
        List<RemoteAttachment> out = new ArrayList<>();
        for (JsonNode a : listResponse.path("attachments")) {
            JsonNode size = a.path("size");
            long bytes = size.isObject() ? size.path("value").asLong(0) : size.asLong(0);
            out.add(new RemoteAttachment(a.path("id").asText(), a.path("name").asText("attachment"),
                    a.path("content_type").asText("application/octet-stream"), bytes));
        }
        return out;
    }

    @Override
    public List<RemoteTimeLog> timeLogs(JsonNode listResponse) {
        List<RemoteTimeLog> out = new ArrayList<>();
        for (JsonNode w : listResponse.path("worklogs")) {
            JsonNode spent = w.path("time_spent");
            int minutes = spent.path("hours").asInt(0) * 60 + spent.path("minutes").asInt(0);
            out.add(new RemoteTimeLog(w.path("id").asText(), Math.max(minutes, 1), w.path("description").asText(null),
                    w.path("owner").path("name").asText(null), epoch(w.path("start_time").path("value"))));
        }
        return out;
    }

    @Override
    public String remoteResolution(JsonNode remote) {
        JsonNode content = remote.path("resolution").path("content");
        return content.isTextual() && !content.asText().isBlank() ? content.asText() : null;
    }

    @Override
    public String createdItemId(JsonNode response) {
        if (response.hasNonNull("id")) {
            return response.get("id").asText();
        }
        JsonNode list = response.path("attachments");
        if (list.isArray() && !list.isEmpty()) {
            return list.get(0).path("id").asText(null);
        }
        return null;
    }

    private static Instant epoch(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.asText()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public JsonNode searchQuery(String text, String status, int page, int pageSize) {
        com.fasterxml.jackson.databind.node.ObjectNode info = Json.object();
        info.put("row_count", pageSize);
        info.put("start_index", (page - 1) * pageSize + 1);
        info.put("get_total_count", true);
        info.put("sort_field", "last_updated_time");
        info.put("sort_order", "desc");
        var criteria = info.putArray("search_criteria");
        if (text != null) {
            criteria.addObject().put("field", "subject").put("condition", "contains").put("value", text);
        }
        if (status != null) {
            var c = criteria.addObject().put("field", "status.name").put("condition", "is").put("value", status);
            if (text != null) {
                c.put("logical_operator", "and");
            }
        }
        if (criteria.isEmpty()) {
            info.remove("search_criteria");
        }
        return Json.object().set("list_info", info);
    }

    @Override
    public SearchPage searchPage(JsonNode answer, int pageSize) {
        JsonNode listInfo = answer.path("list_info");
        return new SearchPage(listItems(answer), listInfo.has("total_count") ? listInfo.get("total_count").asLong() : null,
                listInfo.path("has_more_rows").asBoolean(false));
    }

    @Override
    public Map<String, String> effectiveFieldPaths(List<FieldMapping> custom) {
        return SdpRequestMapper.paths(custom);
    }

    @Override
    public JsonNode linkToRemote(String otherRemoteId, String comments) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
        com.fasterxml.jackson.databind.node.ObjectNode item = body.putArray("link_requests").addObject();
        item.putObject("linked_request").put("id", otherRemoteId);
        if (comments != null) {
            item.put("comments", comments);
        }
        return body;
    }
}
