package io.ticketbridge.api.desk;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
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
import io.ticketbridge.api.Body;
import io.ticketbridge.api.Query;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.LinkStore;
import io.ticketbridge.sync.ActivitySync;
import io.ticketbridge.connector.ConnectorHeaders;
import io.ticketbridge.connector.DeskMapper;
import io.ticketbridge.connector.DeskOperation;

/**
 * Comments, attachments, time logs, resolution and links of a linked ticket (seed 000). Writes go
 * to the hub first and cross to the desk through a push job (so they are sent once, durably); reads
 * show the desk's side, served from the read cache.
 */
public final class DeskActivityApi {

    private static final String TAG = "Service desk activity";

    private final DeskCalls calls;
    private final ConnectorGateway gateway;
    private final long maxAttachmentBytes;

    public DeskActivityApi(DeskCalls calls, ConnectorGateway gateway, long maxAttachmentBytes) {
        this.calls = calls;
        this.gateway = gateway;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    public void register(ApiRoutes r) {
        r.add("GET", "/api/integrations/{id}/comments", Access.AUTHENTICATED,
                req -> read(req, DeskOperation.LIST_COMMENTS,
                (m, j) -> m.comments(j), ActivitySync.COMMENT)).doc(TAG, "Comments on the desk ticket")
                .query("ticket_id", "space_id", "integration_id");
        r.add("POST", "/api/integrations/{id}/comments", Access.AUTHENTICATED, this::addComment)
                .doc(TAG, "Add a comment (hub and desk)").resource("integration")
                .example("{\"ticket_id\":\"...\",\"comment\":\"Called the user\",\"public\":true}");
        r.add("GET", "/api/integrations/{id}/attachments", Access.AUTHENTICATED,
                req -> read(req, DeskOperation.LIST_ATTACHMENTS,
                (m, j) -> m.attachments(j), ActivitySync.ATTACHMENT)).doc(TAG, "Attachments of the desk ticket")
                .query("ticket_id", "space_id", "integration_id");
        r.add("POST", "/api/integrations/{id}/attachments", Access.AUTHENTICATED, this::addAttachment)
                .doc(TAG, "Upload an attachment: multipart (fields ticket_id, file) or JSON {ticket_id, filename,"
                        + " content_base64}").resource("integration")
                .consumes("application/json", "multipart/form-data");
        r.add("GET", "/api/integrations/{id}/time-logs", Access.AUTHENTICATED,
                req -> read(req, DeskOperation.LIST_TIME_LOGS,
                (m, j) -> m.timeLogs(j), ActivitySync.TIME_LOG)).doc(TAG, "Time logs of the desk ticket")
                .query("ticket_id", "space_id", "integration_id");
        r.add("POST", "/api/integrations/{id}/time-logs", Access.AUTHENTICATED, this::addTimeLog)
                .doc(TAG, "Log time (hub and desk)").resource("integration")
                .example("{\"ticket_id\":\"...\",\"minutes\":90,\"description\":\"Replaced router\"}");
        r.add("POST", "/api/integrations/{id}/resolution", Access.AUTHENTICATED, this::resolution)
                .doc(TAG, "Set the resolution (hub and desk)").resource("integration")
                .example("{\"ticket_id\":\"...\",\"resolution\":\"Replaced the router\",\"close\":false}");
        r.add("POST", "/api/integrations/{id}/link", Access.AUTHENTICATED, this::link)
                .doc(TAG, "Link two linked tickets' desk tickets").resource("integration")
                .example("{\"ticket_id\":\"...\",\"linked_ticket_id\":\"...\",\"comments\":\"same outage\"}");
    }

    @FunctionalInterface
    private interface Reader {
        List<?> read(DeskMapper mapper, JsonNode answer);
    }

    private ApiResponse read(ApiRequest req, String action, Reader reader, String itemType) {
        Query q = req.query().allow("ticket_id", "space_id", "integration_id");
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, q.string("ticket_id"));
        LinkStore.Link link = linked(i, t);
        DeskMapper mapper = calls.desks.find(i.platform()).orElseThrow();
        JsonNode answer;
        try {
            answer = gateway.call(i, action, Json.object(), Map.of(ConnectorHeaders.REMOTE_ID, link.remoteId()));
        } catch (DeskException e) {
            throw DeskErrors.toApi(e);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object item : reader.read(mapper, answer)) {
            Map<String, Object> view = new LinkedHashMap<>(Json.toMap(Json.toNode(item)));
            String remoteId = String.valueOf(view.get("id"));
            String local = calls.hub.jdbi.withHandle(h -> calls.hub.links.localIdForRemote(h, i.id(), t.id(), itemType,
                    remoteId)).orElse(null);
            view.put("hub_id", local);
            items.add(view);
        }
        return ApiResponse.ok(Map.of("ticket_id", t.id(), "remote_id", link.remoteId(), "items", items));
    }

    private ApiResponse addComment(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "comment", "body", "author",
                "author_email", "public", "wait_seconds"));
        String ticketId = b.string("ticket_id", true, 36);
        String text = b.has("comment") ? b.string("comment", true, 100_000) : b.string("body", true, 100_000);
        String author = b.string("author", false, 200);
        String email = b.email("author_email", false);
        Boolean isPublic = b.bool("public", false);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        linked(i, t);
        var comment = calls.hub.jdbi.inTransaction(h -> calls.tickets.addComment(h, t, text, author, email,
                isPublic == null || isPublic, TicketService.ORIGIN_HUB));
        return synced(i, t, "comment", wait, Map.of("comment", comment));
    }

    private ApiResponse addAttachment(ApiRequest req) throws Exception {
        Integration i = calls.desk(req);
        String ticketId;
        String filename;
        String contentType;
        byte[] content;
        if (!req.uploads().isEmpty()) {
            ApiRequest.Upload u = req.uploads().get(0);
            ticketId = req.form("ticket_id").orElseGet(() -> req.query().string("ticket_id"));
            if (u.size() > maxAttachmentBytes) {
                throw ApiException.payloadTooLarge(maxAttachmentBytes);
            }
            filename = u.filename();
            contentType = u.contentType() == null ? "application/octet-stream" : u.contentType();
            content = Files.readAllBytes(u.path());
        } else {
            Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "filename", "content_type",
                    "content_base64"));
            ticketId = b.string("ticket_id", true, 36);
            filename = b.string("filename", true, 255);
            contentType = b.string("content_type", false, 200);
            String data = b.string("content_base64", true, (int) (maxAttachmentBytes * 4 / 3 + 8));
            b.validate();
            try {
                content = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw ApiException.validation(List.of("'content_base64' is not valid base64"));
            }
            contentType = contentType == null ? "application/octet-stream" : contentType;
        }
        if (filename == null || filename.isBlank() || filename.contains("/") || filename.contains("\\")) {
            throw ApiException.validation(List.of("the file name must be 1-255 characters without path separators"));
        }
        if (content.length == 0) {
            throw ApiException.validation(List.of("the file is empty"));
        }
        Ticket t = calls.ticket(i, ticketId);
        linked(i, t);
        String name = filename;
        String type = contentType;
        var attachment = calls.hub.jdbi.inTransaction(h -> calls.tickets.addAttachment(h, t, name, type, content,
                TicketService.ORIGIN_HUB));
        return synced(i, t, "attachment", null, Map.of("attachment", attachment));
    }

    private ApiResponse addTimeLog(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "minutes", "hours", "description",
                "author", "started_at", "wait_seconds"));
        String ticketId = b.string("ticket_id", true, 36);
        Integer minutes = b.integer("minutes", false, 1, 100_000);
        Integer hours = b.integer("hours", false, 0, 1_000);
        String description = b.string("description", false, 4000);
        String author = b.string("author", false, 200);
        var started = b.instant("started_at", false);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        int total = (hours == null ? 0 : hours * 60) + (minutes == null ? 0 : minutes);
        if (total <= 0) {
            b.error("give 'minutes' and/or 'hours' (more than zero in total)");
        }
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        linked(i, t);
        var log = calls.hub.jdbi.inTransaction(h -> calls.tickets.addTimeLog(h, t, total, description, author, started,
                TicketService.ORIGIN_HUB));
        return synced(i, t, "time_log", wait, Map.of("time_log", log));
    }

    private ApiResponse resolution(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "resolution", "content", "resolved_by",
                "close", "wait_seconds"));
        String ticketId = b.string("ticket_id", true, 36);
        String content = b.has("resolution") ? b.string("resolution", true, 20_000) : b.string("content", true, 20_000);
        String by = b.string("resolved_by", false, 200);
        Boolean close = b.bool("close", false);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        linked(i, t);
        var r = calls.hub.jdbi.inTransaction(h -> calls.tickets.resolve(h, t, content, by,
                Boolean.TRUE.equals(close) ? "closed" : "resolved", TicketService.ORIGIN_HUB));
        return synced(i, t, "push", wait, Map.of("resolution", r));
    }

    private ApiResponse link(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("ticket_id", "space_id", "linked_ticket_id", "linked_remote_id",
                "comments", "wait_seconds"));
        String ticketId = b.string("ticket_id", true, 36);
        String other = b.string("linked_ticket_id", false, 36);
        String otherRemote = b.string("linked_remote_id", false, 100);
        String comments = b.string("comments", false, 1000);
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        if ((other == null) == (otherRemote == null)) {
            b.error("give exactly one of 'linked_ticket_id' (hub) or 'linked_remote_id' (desk)");
        }
        b.validate();
        Integration i = calls.desk(req);
        Ticket t = calls.ticket(i, ticketId);
        linked(i, t);
        ObjectNode payload = Json.object().put("ticket_id", t.id());
        if (other != null) {
            Ticket o = calls.ticket(i, other);
            linked(i, o);
            payload.put("linked_ticket_id", o.id());
        } else {
            payload.put("linked_remote_id", otherRemote);
        }
        if (comments != null) {
            payload.put("comments", comments);
        }
        return calls.runJob(i, t.id(), "link", payload, wait);
    }

    /** Runs the push that carries the new item and answers 201 with the item and the sync outcome. */
    private ApiResponse synced(Integration i, Ticket t, String kind, Integer wait, Map<String, Object> created)
            throws InterruptedException {
        ApiResponse outcome = calls.runPushFor(i, t.id(), kind, wait);
        Map<String, Object> out = new LinkedHashMap<>(created);
        out.put("sync", outcome.body());
        return ApiResponse.status(outcome.status() == 200 ? 201 : outcome.status(), out).resource(t.id());
    }

    private LinkStore.Link linked(Integration i, Ticket t) {
        return calls.hub.jdbi.withHandle(h -> calls.hub.links.byTicket(h, i.id(), t.id()))
                .orElseThrow(() -> ApiException.conflict("Ticket " + t.number() + " is not linked to this"
                        + " integration; push it first"));
    }
}
