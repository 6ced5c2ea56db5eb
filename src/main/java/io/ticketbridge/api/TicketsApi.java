package io.ticketbridge.api;

import io.ticketbridge.model.TimeLog;

import io.ticketbridge.model.Attachment;

import io.ticketbridge.model.Comment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.TicketStore;

/** Hub tickets: the company's own service desk records that the connectors push and sync. */
public final class TicketsApi {

    private static final String TAG = "Tickets";

    private final ApiSupport support;
    private final Hub hub;
    private final TicketService service;
    private final long maxAttachmentBytes;

    public TicketsApi(ApiSupport support, TicketService service, long maxAttachmentBytes) {
        this.support = support;
        this.hub = support.hub();
        this.service = service;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/tickets", Access.AUTHENTICATED, this::create).doc(TAG, "Create a hub ticket")
                .resource("ticket").example("{\"subject\":\"VPN drops every 10 minutes\",\"priority\":\"high\","
                        + "\"requester_email\":\"jane@example.com\",\"group\":\"Network\"}").returns(Ticket.class);
        r.add("GET", "/api/tickets", Access.AUTHENTICATED, this::list).doc(TAG, "List hub tickets")
                .query("status", "priority", "group", "ticket_type", "updated_since", "page", "page_size", "space_id")
                .returnsPage(Ticket.class);
        r.add("GET", "/api/tickets/{id}", Access.AUTHENTICATED, this::get).doc(TAG, "Get a hub ticket")
                .returns(Ticket.class);
        r.add("PATCH", "/api/tickets/{id}", Access.AUTHENTICATED, this::patch).doc(TAG, "Change ticket fields")
                .resource("ticket").example("{\"status\":\"in_progress\",\"assignee\":\"bob\"}").returns(Ticket.class);
        r.add("DELETE", "/api/tickets/{id}", Access.AUTHENTICATED, this::delete).doc(TAG, "Delete a hub ticket")
                .resource("ticket");
        r.add("GET", "/api/tickets/{id}/comments", Access.AUTHENTICATED, this::comments).doc(TAG, "List comments")
                .returnsList(Comment.class);
        r.add("POST", "/api/tickets/{id}/comments", Access.AUTHENTICATED, this::addComment).doc(TAG, "Add a comment")
                .resource("ticket").example("{\"body\":\"Restarted the tunnel\",\"author\":\"bob\",\"public\":true}")
                .returns(Comment.class);
        r.add("GET", "/api/tickets/{id}/attachments", Access.AUTHENTICATED, this::attachments)
                .doc(TAG, "List attachments")
                .returnsList(Attachment.class);
        r.add("POST", "/api/tickets/{id}/attachments", Access.AUTHENTICATED, this::upload)
                .doc(TAG, "Upload an attachment (multipart field 'file', or a raw body with ?filename=)")
                .resource("ticket").consumes("multipart/form-data", "*/*").query("filename");
        r.add("GET", "/api/tickets/{id}/attachments/{attachmentId}", Access.AUTHENTICATED, this::attachment)
                .doc(TAG, "Attachment metadata")
                .returns(Attachment.class);
        r.add("GET", "/api/tickets/{id}/attachments/{attachmentId}/content", Access.AUTHENTICATED, this::download)
                .doc(TAG, "Download an attachment").producesFiles();
        r.add("GET", "/api/tickets/{id}/time-logs", Access.AUTHENTICATED, this::timeLogs).doc(TAG, "List time logs")
                .returnsList(TimeLog.class);
        r.add("POST", "/api/tickets/{id}/time-logs", Access.AUTHENTICATED, this::addTimeLog).doc(TAG, "Log time")
                .resource("ticket").example("{\"minutes\":45,\"description\":\"Replaced router\",\"author\":\"bob\"}")
                .returns(TimeLog.class);
        r.add("GET", "/api/tickets/{id}/resolution", Access.AUTHENTICATED, this::resolution)
                .doc(TAG, "Get the resolution");
        r.add("PUT", "/api/tickets/{id}/resolution", Access.AUTHENTICATED, this::resolve)
                .doc(TAG, "Set the resolution (moves the ticket to resolved, or closed)").resource("ticket")
                .example("{\"content\":\"Replaced the faulty router\",\"resolved_by\":\"bob\",\"status\":\"resolved\"}");
        r.add("POST", "/api/tickets/{id}/resolution", Access.AUTHENTICATED, this::resolve)
                .doc(TAG, "Set the resolution (same as PUT)").resource("ticket");
    }

    private ApiResponse create(ApiRequest req) {
        TicketInput.Parsed in = TicketInput.create(req.jsonObject());
        String space = support.targetSpace(req.principal(), in.spaceId());
        Ticket t = service.create(space, in.fields(), TicketService.ORIGIN_HUB);
        return ApiResponse.created(t).resource(t.id()).header("Location", "/api/tickets/" + t.id());
    }

    private ApiResponse list(ApiRequest req) {
        Query q = req.query().allow("status", "priority", "group", "ticket_type", "updated_since", "page",
                "page_size", "space_id");
        String scope = support.listScope(req.principal(), q.string("space_id"));
        var filter = new TicketStore.TicketFilter(scope, q.oneOf("status", TicketFields.STATUSES),
                q.oneOf("priority", TicketFields.PRIORITIES), q.string("group"),
                q.oneOf("ticket_type", TicketFields.TYPES), q.instant("updated_since"));
        return ApiResponse.ok(ApiSupport.page(hub.jdbi.withHandle(h ->
                hub.tickets.list(h, filter, q.page(), q.pageSize()))));
    }

    Ticket ticket(ApiRequest req) {
        String id = req.pathParam("id");
        return service.find(req.principal().scope(), id).orElseThrow(() -> ApiException.notFound("Ticket " + id));
    }

    private ApiResponse get(ApiRequest req) {
        return ApiResponse.ok(ticket(req));
    }

    private ApiResponse patch(ApiRequest req) {
        TicketInput.Parsed in = TicketInput.patch(req.jsonObject());
        Long version = in.version();
        if (version == null && req.header("if-match").isPresent()) {
            try {
                version = Long.parseLong(req.header("if-match").get().replace("\"", "").trim());
            } catch (NumberFormatException e) {
                throw ApiException.validation(List.of("If-Match must be the ticket version number"));
            }
        }
        String id = req.pathParam("id");
        Ticket t = service.update(req.principal().scope(), id, in.fields(), TicketService.ORIGIN_HUB, version)
                .orElseThrow(() -> ApiException.notFound("Ticket " + id));
        return ApiResponse.ok(t);
    }

    private ApiResponse delete(ApiRequest req) {
        String id = req.pathParam("id");
        if (!service.delete(req.principal().scope(), id, TicketService.ORIGIN_HUB)) {
            throw ApiException.notFound("Ticket " + id);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse comments(ApiRequest req) {
        req.query().allow();
        Ticket t = ticket(req);
        return ApiResponse.ok(Map.of("items", hub.jdbi.withHandle(h -> hub.activity.comments(h, t.id()))));
    }

    private ApiResponse addComment(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("body", "author", "author_email", "public"));
        String text = b.string("body", true, 100_000);
        String author = b.string("author", false, 200);
        String email = b.email("author_email", false);
        Boolean isPublic = b.bool("public", false);
        b.validate();
        Ticket t = ticket(req);
        var c = hub.jdbi.inTransaction(h -> service.addComment(h, t, text, author, email,
                isPublic == null || isPublic, TicketService.ORIGIN_HUB));
        return ApiResponse.created(c).resource(t.id());
    }

    private ApiResponse attachments(ApiRequest req) {
        Ticket t = ticket(req);
        return ApiResponse.ok(Map.of("items", hub.jdbi.withHandle(h -> hub.activity.attachments(h, t.id()))));
    }

    private ApiResponse attachment(ApiRequest req) {
        Ticket t = ticket(req);
        String aid = req.pathParam("attachmentId");
        return ApiResponse.ok(hub.jdbi.withHandle(h -> hub.activity.attachments(h, t.id())).stream()
                .filter(a -> a.id().equals(aid)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Attachment " + aid)));
    }

    private ApiResponse download(ApiRequest req) {
        Ticket t = ticket(req);
        String aid = req.pathParam("attachmentId");
        var meta = hub.jdbi.withHandle(h -> hub.activity.attachments(h, t.id())).stream()
                .filter(a -> a.id().equals(aid)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Attachment " + aid));
        byte[] content = hub.jdbi.withHandle(h -> hub.activity.attachmentContent(h, t.id(), aid)).orElseThrow();
        return ApiResponse.bytes(content, meta.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + meta.filename().replace("\"", "") + "\"")
                .header("X-Content-SHA256", meta.sha256());
    }

    private ApiResponse upload(ApiRequest req) throws IOException {
        Ticket t = ticket(req);
        String filename;
        String contentType;
        byte[] content;
        if (!req.uploads().isEmpty()) {
            if (req.uploads().size() > 1) {
                throw ApiException.validation(List.of("upload one file per request"));
            }
            ApiRequest.Upload u = req.uploads().get(0);
            if (u.size() > maxAttachmentBytes) {
                throw ApiException.payloadTooLarge(maxAttachmentBytes);
            }
            filename = u.filename();
            contentType = u.contentType() == null ? "application/octet-stream" : u.contentType();
            content = Files.readAllBytes(u.path());
        } else {
            String ct = req.contentType();
            if (ct == null || ct.startsWith("multipart/") || ct.equals("application/json")
                    || ct.equals("application/x-www-form-urlencoded")) {
                throw ApiException.unsupportedMediaType(ct,
                        "multipart/form-data with a 'file' part, or the raw bytes with ?filename=");
            }
            filename = req.query().allow("filename").string("filename");
            if (filename == null) {
                throw ApiException.validation(List.of("query parameter 'filename' is required for a raw upload"));
            }
            contentType = ct;
            content = req.body();
            if (content.length > maxAttachmentBytes) {
                throw ApiException.payloadTooLarge(maxAttachmentBytes);
            }
        }
        // control characters (CR/LF) would break the Content-Disposition header of every later download
        if (filename == null || filename.isBlank() || filename.length() > 255 || filename.contains("/")
                || filename.contains("\\") || filename.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.validation(List.of(
                    "the file name must be 1-255 characters without path separators or control characters"));
        }
        if (content.length == 0) {
            throw ApiException.validation(List.of("the file is empty"));
        }
        String name = filename;
        var a = hub.jdbi.inTransaction(h -> service.addAttachment(h, t, name, contentType, content,
                TicketService.ORIGIN_HUB));
        return ApiResponse.created(a).resource(t.id());
    }

    private ApiResponse timeLogs(ApiRequest req) {
        Ticket t = ticket(req);
        return ApiResponse.ok(Map.of("items", hub.jdbi.withHandle(h -> hub.activity.timeLogs(h, t.id()))));
    }

    private ApiResponse addTimeLog(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("minutes", "description", "author", "started_at"));
        Integer minutes = b.integer("minutes", true, 1, 100_000);
        String description = b.string("description", false, 4000);
        String author = b.string("author", false, 200);
        var started = b.instant("started_at", false);
        b.validate();
        Ticket t = ticket(req);
        var log = hub.jdbi.inTransaction(h -> service.addTimeLog(h, t, minutes, description, author, started,
                TicketService.ORIGIN_HUB));
        return ApiResponse.created(log).resource(t.id());
    }

    private ApiResponse resolution(ApiRequest req) {
        Ticket t = ticket(req);
        return ApiResponse.ok(hub.jdbi.withHandle(h -> hub.activity.resolution(h, t.id()))
                .orElseThrow(() -> ApiException.notFound("Resolution of ticket " + t.id())));
    }

    private ApiResponse resolve(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("content", "resolved_by", "status"));
        String content = b.string("content", true, 20_000);
        String by = b.string("resolved_by", false, 200);
        String status = b.oneOf("status", false, List.of("resolved", "closed"));
        b.validate();
        Ticket t = ticket(req);
        var r = hub.jdbi.inTransaction(h -> service.resolve(h, t, content, by, status == null ? "resolved" : status,
                TicketService.ORIGIN_HUB));
        return ApiResponse.ok(r).resource(t.id());
    }

}
