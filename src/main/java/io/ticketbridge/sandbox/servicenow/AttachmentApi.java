package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.support.Multipart;
import io.ticketbridge.sandbox.support.SimResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Attachment API (external-apis.md 2.4): {@code POST /file?table_name&table_sys_id&file_name} with the raw
 * bytes and the file's Content-Type (201 + {@code Location}) or {@code POST /upload} multipart, list by {@code sysparm_query}, metadata, bytes
 * ({@code /file}, with {@code X-Attachment-Metadata}) and DELETE (204). Metadata rows live in
 * {@code sys_attachment}, readable through the Table API too. Bytes are stored as sent (not compressed).
 */
final class AttachmentApi {

    /** The platform's answer when the multipart body is not what it wants [wording as seen in client code]. */
    static final String FILE_PART_MISSING = "Failed to create the attachment. File part might be missing in the request.";

    private final Database db;
    private final TableApi tables;
    private final RecordRenderer renderer;
    private final SnTime time;
    private final Supplier<String> baseUrl;

    AttachmentApi(Database db, TableApi tables, RecordRenderer renderer, SnTime time, Supplier<String> baseUrl) {
        this.db = db;
        this.tables = tables;
        this.renderer = renderer;
        this.time = time;
        this.baseUrl = baseUrl;
    }

    SimResponse upload(Call call) {
        String tableName = required(call, "table_name");
        String tableSysId = required(call, "table_sys_id");
        String fileName = required(call, "file_name");
        String contentType = call.request().header("Content-Type");
        byte[] content = call.request().body();
        return db.write(() -> {
            TableDef table = Tables.get(tableName);
            if (table == null || db.row(tableName, tableSysId) == null) {
                throw SnError.badRequest("Invalid table name or table sys_id",
                        "No record " + tableSysId + " in table " + tableName);
            }
            Map<String, String> row = add(tableName, tableSysId, fileName, contentType, content, call.actor());
            return TableApi.result(201, metadata(row)).withHeader("Location", location(row.get("sys_id")));
        });
    }

    /**
     * {@code POST /upload}, multipart/form-data: the fields {@code table_name} and {@code table_sys_id} must come
     * before the file part (external-apis.md 2.4), whose own Content-Type is the file's.
     */
    SimResponse uploadMultipart(Call call) {
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(call.request().header("Content-Type"), call.request().body());
        } catch (IllegalArgumentException e) {
            throw SnError.badRequest(FILE_PART_MISSING, null);
        }
        Map<String, String> form = new HashMap<>();
        Multipart.Part file = null;
        for (Multipart.Part part : parts) {
            if (part.fileName() != null) {
                file = part;
                break;
            }
            form.put(part.name(), part.text());
        }
        String tableName = form.get("table_name");
        String tableSysId = form.get("table_sys_id");
        if (file == null || tableName == null || tableSysId == null) {
            throw SnError.badRequest(FILE_PART_MISSING, null);
        }
        Multipart.Part upload = file;
        String type = upload.contentType() == null ? "application/octet-stream" : upload.contentType();
        return db.write(() -> {
            if (Tables.get(tableName) == null || db.row(tableName, tableSysId) == null) {
                throw SnError.badRequest("Invalid table name or table sys_id",
                        "No record " + tableSysId + " in table " + tableName);
            }
            Map<String, String> row = add(tableName, tableSysId, upload.fileName(), type, upload.content(),
                    call.actor());
            return TableApi.result(201, metadata(row)).withHeader("Location", location(row.get("sys_id")));
        });
    }

    /** Stores an attachment (callers hold the write lock); also the direct (agent) path. */
    Map<String, String> add(String tableName, String tableSysId, String fileName, String contentType, byte[] content,
                            Actor actor) {
        Map<String, String> row = Seeds.row(Tables.ATTACHMENT, db.newSysId(), time.now());
        Seeds.stamp(row, actor.userName(), time.now());
        row.put("file_name", fileName);
        row.put("content_type", contentType);
        row.put("size_bytes", Integer.toString(content.length));
        row.put("size_compressed", Integer.toString(content.length));
        row.put("table_name", tableName);
        row.put("table_sys_id", tableSysId);
        row.put("hash", sha256(content));
        db.put(Tables.ATTACHMENT, row);
        db.putBytes(row.get("sys_id"), content.clone());
        return row;
    }

    SimResponse list(Call call) {
        return tables.list(call, Tables.get(Tables.ATTACHMENT), (def, row) -> metadata(row));
    }

    SimResponse metadata(String sysId) {
        return db.read(() -> TableApi.result(200, metadata(existing(sysId))));
    }

    SimResponse file(String sysId) {
        return db.read(() -> {
            Map<String, String> row = existing(sysId);
            String type = row.get("content_type").isEmpty() ? "application/octet-stream" : row.get("content_type");
            return SimResponse.of(200, type, db.bytes(sysId).clone())
                    .withHeader("X-Attachment-Metadata", Json.write(metadata(row)));
        });
    }

    SimResponse delete(String sysId) {
        return db.write(() -> {
            existing(sysId);
            db.remove(Tables.ATTACHMENT, sysId);
            db.removeBytes(sysId);
            return SimResponse.empty(204);
        });
    }

    private Map<String, String> existing(String sysId) {
        Map<String, String> row = db.row(Tables.ATTACHMENT, sysId);
        if (row == null) {
            throw SnError.noRecord();
        }
        return row;
    }

    ObjectNode metadata(Map<String, String> row) {
        ObjectNode node = renderer.render(Tables.get(Tables.ATTACHMENT), row, Rendering.PLAIN);
        node.put("download_link", location(row.get("sys_id")) + "/file");
        return node;
    }

    private String location(String sysId) {
        return baseUrl.get() + "/api/now/attachment/" + sysId;
    }

    private static String required(Call call, String name) {
        String value = call.params().first(name);
        if (value == null || value.isBlank()) {
            throw SnError.badRequest("Missing parameter: " + name, null);
        }
        return value;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
