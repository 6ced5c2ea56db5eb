package io.ticketbridge.dataformat.servicenow;

import java.time.Duration;
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
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.connector.DeskMapper;

import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.display;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.parseTime;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.record;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.time;
import static io.ticketbridge.dataformat.servicenow.ServiceNowValues.value;

/**
 * ServiceNow for the generic sync: incident / change_request records, journal entries
 * (sys_journal_field rows: comments = public, work_notes = private), attachments and
 * task_time_worked rows. Answers are ServiceNow's {"result": ...} envelopes or the bare records.
 */
public final class ServiceNowDeskMapper implements DeskMapper {

    /** Fields the adoption query needs: enough to link the record and name it. */
    static final String ADOPTION_FIELDS = "sys_id,number,sys_class_name,short_description,sys_created_on,"
            + "sys_updated_on";

    private final ServiceNowRecordMapper records;

    public ServiceNowDeskMapper(ServiceNowRecordMapper records) {
        this.records = records;
    }

    public ServiceNowRecordMapper records() {
        return records;
    }

    @Override
    public String platform() {
        return "servicenow";
    }

    @Override
    public Set<String> syncedFields(List<FieldMapping> custom) {
        return ServiceNowRecordMapper.syncedFields(custom);
    }

    /**
     * The record for these fields, in the table their ticket_type names (else incident). It carries
     * sys_class_name so that {@link #toCanonical} reads it back with the same table's state model
     * (the sync compares hub values after such a round trip); for ServiceNow the same class is no
     * change. The data formats send {@link ServiceNowRecordMapper#toRecord} without it.
     */
    @Override
    public JsonNode toRemote(Map<String, Object> fields, List<FieldMapping> custom, TicketTemplate template) {
        String table = ServiceNowRecordMapper.tableFor(fields).orElse(ServiceNowRecordMapper.INCIDENT);
        ObjectNode record = records.toRecord(table, fields, custom, template, template != null);
        record.put("sys_class_name", table);
        return record;
    }

    @Override
    public Map<String, Object> toCanonical(JsonNode remote, List<FieldMapping> custom) {
        return records.fromRecord(record(remote), custom);
    }

    @Override
    public String remoteId(JsonNode remote) {
        return value(record(remote).get("sys_id"));
    }

    @Override
    public String remoteNumber(JsonNode remote) {
        String number = value(record(remote).get("number"));
        return number != null ? number : remoteId(remote);
    }

    @Override
    public Instant remoteUpdatedAt(JsonNode remote) {
        return parseTime(value(record(remote).get("sys_updated_on")));
    }

    /**
     * {"sysparm_query": "sys_updated_on>=<UTC>^ORDERBYsys_updated_on^ORDERBYsys_id", "sysparm_limit": n}.
     * No sysparm_fields: the records must carry every field an integration's field mappings name. The
     * cursor is inclusive (ServiceNow times have whole seconds): re-reading the newest record is harmless.
     */
    @Override
    public JsonNode changedSinceQuery(Instant since, int pageSize) {
        String order = "ORDERBYsys_updated_on^ORDERBYsys_id";
        ObjectNode q = Json.object();
        q.put("sysparm_query", since == null ? order : "sys_updated_on>=" + time(since) + "^" + order);
        q.put("sysparm_limit", Math.max(1, Math.min(1_000, pageSize)));
        return q;
    }

    @Override
    public List<JsonNode> listItems(JsonNode listResponse) {
        List<JsonNode> out = new ArrayList<>();
        listResponse.path("result").forEach(out::add);
        return out;
    }

    /**
     * Records with this subject created since {@code since}: {"table"?, "sysparm_query":
     * "short_description=<subject>^sys_created_on>=<UTC>^ORDERBYsys_created_on^ORDERBYsys_id", ...}.
     * An encoded query cannot escape '^' or line breaks, so a subject holding one is matched by its
     * part before it (STARTSWITH); the sync adopts only a single unlinked match.
     */
    @Override
    public JsonNode createdSinceQuery(Map<String, Object> fields, Instant since) {
        String subject = String.valueOf(fields.get(TicketFields.SUBJECT));
        int cut = indexOfAny(subject, '^', '\n', '\r');
        String condition = cut < 0 ? "short_description=" + subject : "short_descriptionSTARTSWITH" + subject.substring(0, cut);
        ObjectNode q = Json.object();
        ServiceNowRecordMapper.tableFor(fields).ifPresent(t -> q.put("table", t));
        q.put("sysparm_query", condition + "^sys_created_on>=" + time(since) + "^ORDERBYsys_created_on^ORDERBYsys_id");
        q.put("sysparm_fields", ADOPTION_FIELDS);
        q.put("sysparm_limit", 10);
        return q;
    }

    /** Public → "comments" (additional comments, the caller sees them); private → "work_notes". */
    @Override
    public JsonNode commentToRemote(Comment c) {
        String text = (c.author() == null || c.author().isBlank() ? "" : "[" + c.author() + "] ") + c.body();
        return Json.object().put(c.isPublic() ? "comments" : "work_notes", text);
    }

    /** A task_time_worked row; time_worked is a duration, written as a date-time from the epoch. */
    @Override
    public JsonNode timeLogToRemote(TimeLog t) {
        ObjectNode row = Json.object();
        row.put("time_worked", time(Instant.EPOCH.plus(Duration.ofMinutes(Math.max(0, t.minutes())))));
        row.put("comments", t.description() == null ? "" : t.description());
        return row;
    }

    /** The close notes of a resolve or close (the close code is the instance's, chosen by the connector). */
    public JsonNode resolutionToRemote(Resolution r) {
        return Json.object().put("close_notes", r.content() == null ? "" : r.content());
    }

    /** linkTickets body: this record's parent is the other one (parent_incident for incidents). */
    /** The link as a parent reference (incident: parent_incident; change: parent); comments have no place. */
    @Override
    public JsonNode linkToRemote(String otherRemoteId, String comments) {
        return parentLink(ServiceNowRecordMapper.INCIDENT, otherRemoteId);
    }

    public JsonNode parentLink(String table, String otherRemoteId) {
        return Json.object().put(ServiceNowRecordMapper.CHANGE_REQUEST.equals(table) ? "parent" : "parent_incident",
                otherRemoteId);
    }

    /** sys_journal_field rows; empty entries are skipped. */
    @Override
    public List<RemoteComment> comments(JsonNode listResponse) {
        List<RemoteComment> out = new ArrayList<>();
        for (JsonNode row : listResponse.path("result")) {
            String body = value(row.get("value"));
            String element = value(row.get("element"));
            if (body == null || body.isBlank() || !("comments".equals(element) || "work_notes".equals(element))) {
                continue;
            }
            out.add(new RemoteComment(value(row.get("sys_id")), body, display(row.get("sys_created_by")), null,
                    "comments".equals(element), parseTime(value(row.get("sys_created_on")))));
        }
        return out;
    }

    @Override
    public List<RemoteAttachment> attachments(JsonNode listResponse) {
        List<RemoteAttachment> out = new ArrayList<>();
        for (JsonNode a : listResponse.path("result")) {
            String size = value(a.get("size_bytes"));
            String type = value(a.get("content_type"));
            String name = value(a.get("file_name"));
            out.add(new RemoteAttachment(value(a.get("sys_id")), name == null ? "attachment" : name,
                    type == null ? "application/octet-stream" : type, size == null ? 0 : parseLong(size)));
        }
        return out;
    }

    @Override
    public List<RemoteTimeLog> timeLogs(JsonNode listResponse) {
        List<RemoteTimeLog> out = new ArrayList<>();
        for (JsonNode w : listResponse.path("result")) {
            Instant worked = parseTime(value(w.get("time_worked")));
            int minutes = worked == null ? 0 : (int) Duration.between(Instant.EPOCH, worked).toMinutes();
            String author = display(w.get("user"));
            out.add(new RemoteTimeLog(value(w.get("sys_id")), Math.max(minutes, 1), value(w.get("comments")),
                    author != null ? author : value(w.get("sys_created_by")),
                    parseTime(value(w.get("sys_created_on")))));
        }
        return out;
    }

    @Override
    public String createdItemId(JsonNode response) {
        return value(record(response).get("sys_id"));
    }

    @Override
    public String remoteResolution(JsonNode remote) {
        String notes = value(record(remote).get("close_notes"));
        return notes == null || notes.isBlank() ? null : notes;
    }

    private static int indexOfAny(String s, char... chars) {
        for (int i = 0; i < s.length(); i++) {
            for (char c : chars) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * One page of the desk API's search: short_description LIKE the text, the state (a number, or a hub
     * status mapped to one), newest first; one row more than the page, to tell whether more follow.
     */
    @Override
    public JsonNode searchQuery(String text, String status, int page, int pageSize) {
        List<String> terms = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            terms.add("short_descriptionLIKE" + text.replace("^", " "));
        }
        if (status != null && !status.isBlank()) {
            String state = status.chars().allMatch(Character::isDigit) ? status
                    : value(records.toRecord(ServiceNowRecordMapper.INCIDENT,
                            Map.<String, Object>of(TicketFields.STATUS, status), List.of(), null, false).path("state"));
            if (state != null && !state.isBlank()) {
                terms.add("state=" + state);
            }
        }
        terms.add("ORDERBYDESCsys_updated_on^ORDERBYsys_id");
        ObjectNode q = Json.object();
        q.put("sysparm_query", String.join("^", terms));
        q.put("sysparm_limit", pageSize + 1);
        q.put("sysparm_offset", (page - 1) * pageSize);
        q.put("max_rows", pageSize + 1);
        return q;
    }

    @Override
    public SearchPage searchPage(JsonNode answer, int pageSize) {
        List<JsonNode> all = listItems(answer);
        return new SearchPage(all.size() > pageSize ? all.subList(0, pageSize) : all, null, all.size() > pageSize);
    }

    @Override
    public Map<String, String> effectiveFieldPaths(List<FieldMapping> custom) {
        return ServiceNowRecordMapper.paths(ServiceNowRecordMapper.INCIDENT, custom);
    }
}
