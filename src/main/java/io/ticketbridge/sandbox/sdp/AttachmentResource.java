package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request attachments: {@code PUT /requests/{id}/upload} (multipart, one file in part {@code input_file}),
 * list, download and delete. Metadata carries {@code size} as {@code {"value":"<bytes>","display_value":"1.2 KB"}}
 * and a {@code content_url} for the download. The upload answers {@code {"attachments":[meta]}} [UNVERIFIED shape].
 */
final class AttachmentResource {

    private final SdpContext ctx;

    AttachmentResource(SdpContext ctx) {
        this.ctx = ctx;
    }

    void register(Router router) {
        router.add("PUT", "requests/{id}/upload", this::upload)
                .add("GET", "requests/{id}/attachments", call -> ApiResponse.ok(Json.successList("attachments",
                        NoteResource.array(attachments(call.param("id"))), null)))
                .add("GET", "requests/{id}/attachments/{attachment_id}", call -> ApiResponse.ok(
                        Json.success("attachment", ctx.store().withTicket(call.param("id"),
                                record -> stored(record, call.param("attachment_id")).meta().deepCopy()))))
                .add("GET", "requests/{id}/attachments/{attachment_id}/download", this::download)
                .add("DELETE", "requests/{id}/attachments/{attachment_id}", call -> {
                    ctx.store().withTicket(call.param("id"), record -> {
                        stored(record, call.param("attachment_id"));
                        record.attachments.remove(call.param("attachment_id"));
                        record.request.put("has_attachments", !record.attachments.isEmpty());
                        ctx.store().touchForChild(record);
                        return null;
                    });
                    return ApiResponse.ok(Json.success(null, null));
                });
    }

    private ApiResponse upload(ApiCall call) {
        String contentType = call.header("Content-Type");
        String boundary = MultipartParser.boundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw SdpApiException.badInput("Content-Type must be multipart/form-data with a boundary");
        }
        List<MultipartParser.Part> files = MultipartParser.parse(call.body(), boundary, MultipartParser.charset(contentType)).stream()
                .filter(part -> "input_file".equals(part.name())).toList();
        if (files.isEmpty()) {
            throw SdpApiException.mandatoryMissing("input_file");
        }
        if (files.size() > 1) {
            throw SdpApiException.badInput("Only one file can be uploaded per call");
        }
        MultipartParser.Part file = files.get(0);
        ObjectNode meta = add(call.param("id"), file.filename() == null ? "input_file" : file.filename(),
                file.contentType(), file.content(), ctx.apiUser());
        ArrayNode uploaded = Json.array().add(meta);
        ObjectNode body = Json.object();
        body.set("attachments", uploaded);
        body.set("response_status", Json.successStatus());
        return ApiResponse.ok(body);
    }

    ObjectNode add(String requestId, String name, String contentType, byte[] content, ObjectNode actor) {
        String type = contentType != null ? contentType : URLConnection.guessContentTypeFromName(name);
        return ctx.store().withTicket(requestId, record -> {
            String id = ctx.store().newId();
            ObjectNode meta = Json.object();
            meta.put("id", id);
            meta.put("name", name);
            meta.put("content_type", type != null ? type : "application/octet-stream");
            ObjectNode size = meta.putObject("size");
            size.put("value", Long.toString(content.length));
            size.put("display_value", displaySize(content.length));
            meta.put("content_url", "/api/v3/requests/" + requestId + "/attachments/" + id + "/download");
            meta.set("attached_by", actor.deepCopy());
            meta.set("attached_on", Json.datetime(ctx.store().stamp()));
            record.attachments.put(id, new TicketRecord.StoredAttachment(meta, content.clone()));
            record.request.put("has_attachments", true);
            ctx.store().touchForChild(record);
            return meta.deepCopy();
        });
    }

    List<ObjectNode> attachments(String requestId) {
        return ctx.store().withTicket(requestId, record -> record.attachments.values().stream()
                .map(stored -> stored.meta().deepCopy()).toList());
    }

    byte[] content(String requestId, String attachmentId) {
        return ctx.store().withTicket(requestId, record -> stored(record, attachmentId).content().clone());
    }

    private ApiResponse download(ApiCall call) {
        TicketRecord.StoredAttachment stored = ctx.store().withTicket(call.param("id"),
                record -> stored(record, call.param("attachment_id")));
        String name = stored.meta().get("name").asText();
        String disposition = "attachment; filename=\"" + name.replaceAll("[\"\\r\\n]", "") + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return new ApiResponse(200, stored.meta().get("content_type").asText(), stored.content().clone(),
                Map.of("Content-Disposition", disposition));
    }

    private static TicketRecord.StoredAttachment stored(TicketRecord record, String attachmentId) {
        TicketRecord.StoredAttachment stored = record.attachments.get(attachmentId);
        if (stored == null) {
            throw SdpApiException.notFound("Attachment " + attachmentId + " does not exist");
        }
        return stored;
    }

    private static String displaySize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MB", bytes / (1024.0 * 1024.0));
    }
}
