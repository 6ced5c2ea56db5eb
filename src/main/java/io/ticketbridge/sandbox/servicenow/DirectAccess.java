package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * State access for tests and the sandbox, beside HTTP: reads return copies, writes act as the agent user (an
 * agent's edit in the UI: sys_updated_on and sys_mod_count move, journals are written) and skip the data policies
 * and business rules, so tests can put records in any state.
 */
final class DirectAccess {

    private final Database db;
    private final RecordWriter writer;
    private final Journals journals;
    private final AttachmentApi attachments;
    private final RecordRenderer renderer;
    private final Actor agent;

    DirectAccess(Database db, RecordWriter writer, Journals journals, AttachmentApi attachments,
                 RecordRenderer renderer, Actor agent) {
        this.db = db;
        this.writer = writer;
        this.journals = journals;
        this.attachments = attachments;
        this.renderer = renderer;
        this.agent = agent;
    }

    Map<String, String> record(String table, String sysId) {
        table(table);
        return db.read(() -> {
            Map<String, String> row = db.row(table, sysId);
            return row == null ? null : copy(row);
        });
    }

    List<Map<String, String>> records(String table) {
        table(table);
        return db.read(() -> copies(db.rows(table)));
    }

    List<Map<String, String>> journal(String recordSysId) {
        return db.read(() -> copies(journals.of(recordSysId)));
    }

    List<Map<String, String>> attachments(String recordSysId) {
        return db.read(() -> {
            List<Map<String, String>> out = new ArrayList<>();
            for (Map<String, String> row : db.rows(Tables.ATTACHMENT)) {
                if (recordSysId.equals(row.get("table_sys_id"))) {
                    out.add(copy(row));
                }
            }
            return out;
        });
    }

    byte[] attachmentContent(String attachmentSysId) {
        return db.read(() -> {
            byte[] bytes = db.bytes(attachmentSysId);
            return bytes == null ? null : bytes.clone();
        });
    }

    String create(String table, Map<String, String> fields) {
        TableDef def = writableTable(table);
        return db.write(() -> writer.insert(def, Json.MAPPER.valueToTree(fields), agent, false).get("sys_id"));
    }

    void update(String table, String sysId, Map<String, String> fields) {
        TableDef def = writableTable(table);
        db.write(() -> {
            try {
                return writer.update(def, sysId, Json.MAPPER.valueToTree(fields), agent, false);
            } catch (SnError e) {
                throw new IllegalArgumentException("no " + table + " record " + sysId, e);
            }
        });
    }

    String addAttachment(String table, String sysId, String fileName, String contentType, byte[] content) {
        table(table);
        return db.write(() -> {
            if (db.row(table, sysId) == null) {
                throw new IllegalArgumentException("no " + table + " record " + sysId);
            }
            return attachments.add(table, sysId, fileName, contentType, content, agent).get("sys_id");
        });
    }

    /** The webhook body a business rule would build: the record's values, references as bare sys_ids. */
    ObjectNode webhookPayload(String table, String sysId, String operation) {
        TableDef def = table(table);
        return db.read(() -> {
            Map<String, String> row = db.row(table, sysId);
            if (row == null) {
                throw new IllegalArgumentException("no " + table + " record " + sysId);
            }
            ObjectNode body = Json.object().put("table", table).put("sys_id", sysId).put("operation", operation);
            body.set("record", renderer.render(def, row, new Rendering(null, Rendering.Mode.VALUE, true)));
            return body;
        });
    }

    private static TableDef table(String table) {
        TableDef def = Tables.get(table);
        if (def == null) {
            throw new IllegalArgumentException("the simulator has no table " + table);
        }
        return def;
    }

    private static TableDef writableTable(String table) {
        TableDef def = table(table);
        if (table.equals(Tables.JOURNAL) || table.equals(Tables.ATTACHMENT)) {
            throw new IllegalArgumentException(table + " rows come from journal fields and uploads, not direct writes");
        }
        return def;
    }

    private static Map<String, String> copy(Map<String, String> row) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(row));
    }

    private static List<Map<String, String>> copies(List<Map<String, String>> rows) {
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(copy(row)));
        return out;
    }
}
