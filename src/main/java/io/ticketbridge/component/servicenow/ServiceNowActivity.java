package io.ticketbridge.component.servicenow;

import io.ticketbridge.connector.ConnectorHeaders;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;

import static io.ticketbridge.component.servicenow.ServiceNowRecords.params;
import static io.ticketbridge.component.servicenow.ServiceNowRecords.text;

/**
 * Journals (work notes and additional comments), attachments and time worked of one record.
 * Journals are written by PATCHing the record's journal input field and read from sys_journal_field,
 * where each entry has its own sys_id: that id is what the sync ledger keeps, so our own entry is
 * not read back as new.
 */
final class ServiceNowActivity {

    static final String JOURNAL = "/api/now/table/sys_journal_field";
    static final String JOURNAL_FIELDS = "sys_id,element,element_id,name,value,sys_created_on,sys_created_by";
    static final String TIME_WORKED = "/api/now/table/task_time_worked";
    /** How many of the newest journal entries are searched for the one just written. */
    private static final int OWN_ENTRY_WINDOW = 20;

    private ServiceNowActivity() {
    }

    /**
     * Body {"comments": text} (customer visible) or {"work_notes": text} (internal). Answer: the
     * sys_journal_field row created, {"result": {...}}; without sys_id when it could not be found.
     */
    static JsonNode addComment(ServiceNowCall c, ObjectNode body) {
        String element = body.size() == 1 && body.has("comments") ? "comments"
                : body.size() == 1 && body.has("work_notes") ? "work_notes" : null;
        String text = element == null ? null : text(body.get(element));
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("addComment needs a body of exactly one non-empty \"comments\" or"
                    + " \"work_notes\" field");
        }
        String id = c.recordId();
        c.client().write("PATCH", c.client().uri(c.tablePath() + "/" + id,
                params("sysparm_fields", "sys_id,sys_updated_on")), body);
        String query = ServiceNowQuery.where("element_id", "=", id).and("element", "=", element)
                .orderByDesc("sys_created_on").build();
        JsonNode rows = c.client().get(c.client().uri(JOURNAL, params("sysparm_query", query,
                "sysparm_fields", JOURNAL_FIELDS, "sysparm_limit", String.valueOf(OWN_ENTRY_WINDOW)))).path("result");
        ObjectNode out = Json.object();
        for (JsonNode row : rows) {
            // the newest entry with our text is ours (ServiceNow may trim trailing blanks)
            String value = text(row.get("value"));
            if (value != null && value.strip().equals(text.strip())) {
                out.set("result", row);
                return out;
            }
        }
        out.putObject("result").put("element_id", id).put("element", element).put("value", text);
        return out;
    }

    /** Both journals of the record, oldest first, every page. */
    static JsonNode listComments(ServiceNowCall c) {
        String query = ServiceNowQuery.where("element_id", "=", c.recordId()).and("name", "=", c.table())
                .and("element", "=", "work_notes").or("element", "=", "comments").orderBy("sys_created_on").build();
        return list(c, JOURNAL, params("sysparm_query", query, "sysparm_fields", JOURNAL_FIELDS,
                "sysparm_limit", "100"));
    }

    /** Binary upload: file name from TicketBridgeFileName, media type from TicketBridgeContentType. */
    static JsonNode upload(ServiceNowCall c) {
        String id = c.recordId();
        String name = c.message().getHeader(ConnectorHeaders.FILE_NAME, String.class);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Header " + ConnectorHeaders.FILE_NAME + " is required");
        }
        String type = c.message().getHeader(ConnectorHeaders.CONTENT_TYPE, "application/octet-stream",
                String.class);
        byte[] content = c.message().getBody(byte[].class);
        if (content == null) {
            throw new IllegalArgumentException("uploadAttachment needs the file's bytes as the body");
        }
        return c.client().upload(c.client().uri("/api/now/attachment/file", params("table_name", c.table(),
                "table_sys_id", id, "file_name", name)), type, content);
    }

    static JsonNode listAttachments(ServiceNowCall c) {
        String query = ServiceNowQuery.where("table_name", "=", c.table()).and("table_sys_id", "=", c.recordId())
                .orderBy("sys_created_on").build();
        return list(c, "/api/now/attachment", params("sysparm_query", query, "sysparm_limit", "100"));
    }

    static byte[] download(ServiceNowCall c) {
        return c.client().download(c.client().uri("/api/now/attachment/" + c.itemId() + "/file", Map.of()));
    }

    /** Body: the mapper's task_time_worked row; the task is the record named by the header. */
    static JsonNode addTimeLog(ServiceNowCall c, ObjectNode body) {
        body.put("task", c.recordId());
        return c.client().write("POST", c.client().uri(TIME_WORKED, params("sysparm_display_value",
                c.displayValue())), body);
    }

    /**
     * The record's time worked. An instance without the Time Worked table answers 400 "Invalid table": it
     * has no time logs, which is not a failure of the pull that asks.
     */
    static JsonNode listTimeLogs(ServiceNowCall c) {
        String query = ServiceNowQuery.where("task", "=", c.recordId()).orderBy("sys_created_on").build();
        try {
            return list(c, TIME_WORKED, params("sysparm_query", query, "sysparm_display_value", c.displayValue(),
                    "sysparm_limit", "100"));
        } catch (ServiceNowRejectedException e) {
            if (e.statusCode() == 400 && String.valueOf(e.errorMessage()).toLowerCase(java.util.Locale.ROOT)
                    .contains("invalid table")) {
                ObjectNode none = Json.object();
                none.putArray("result");
                return none;
            }
            throw e;
        }
    }

    private static JsonNode list(ServiceNowCall c, String path, Map<String, String> params) {
        ObjectNode out = Json.object();
        out.set("result", c.client().listAll(c.client().uri(path, params), c.endpoint().getMaxRows()));
        return out;
    }
}
