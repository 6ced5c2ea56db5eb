package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts and updates as the platform does: unknown columns and system columns in the body are ignored, reference
 * columns accept a sys_id or a name, {@code work_notes}/{@code comments} become journal rows, the table's rules
 * check the result (unless the write is an agent's direct change) and derive their fields, and an update that
 * changes nothing leaves sys_updated_on and sys_mod_count alone. PUT and PATCH both merge. Callers hold the
 * database's write lock.
 */
final class RecordWriter {

    private record Changes(Map<String, String> values, List<String[]> notes) {
    }

    private final Database db;
    private final Fields fields;
    private final Journals journals;
    private final Map<String, TableRules> rules;
    private final SnTime time;

    RecordWriter(Database db, Fields fields, Journals journals, Map<String, TableRules> rules, SnTime time) {
        this.db = db;
        this.fields = fields;
        this.journals = journals;
        this.rules = rules;
        this.time = time;
    }

    Map<String, String> insert(TableDef table, JsonNode body, Actor actor, boolean enforce) {
        Changes changes = parse(table, body);
        Map<String, String> row = new LinkedHashMap<>(table.defaults());
        row.putAll(changes.values());
        TableRules tableRules = rules.getOrDefault(table.name(), TableRules.NONE);
        if (enforce) {
            tableRules.check(null, row);
        }
        String now = time.now();
        row.put("sys_id", db.newSysId());
        if (table.numberPrefix() != null) {
            row.put("number", db.nextNumber(table));
        }
        Seeds.stamp(row, actor.userName(), now);
        fillIfBlank(row, "opened_at", now);
        fillIfBlank(row, "opened_by", actor.sysId());
        tableRules.derive(null, row, actor, now);
        db.put(table.name(), row);
        writeNotes(table, row, changes, actor, now);
        return row;
    }

    /** The updated row; a 404 {@link SnError} when there is none. */
    Map<String, String> update(TableDef table, String sysId, JsonNode body, Actor actor, boolean enforce) {
        Map<String, String> before = db.row(table.name(), sysId);
        if (before == null) {
            throw SnError.noRecord();
        }
        Changes changes = parse(table, body);
        Map<String, String> after = new LinkedHashMap<>(before);
        after.putAll(changes.values());
        boolean touched = !after.equals(before) || !changes.notes().isEmpty();
        if (!touched) {
            return before;
        }
        TableRules tableRules = rules.getOrDefault(table.name(), TableRules.NONE);
        if (enforce) {
            tableRules.check(before, after);
        }
        String now = time.now();
        tableRules.derive(before, after, actor, now);
        after.put("sys_updated_on", now);
        after.put("sys_updated_by", actor.userName());
        after.put("sys_mod_count", Integer.toString(Integer.parseInt(before.get("sys_mod_count")) + 1));
        db.put(table.name(), after);
        writeNotes(table, after, changes, actor, now);
        return after;
    }

    private void writeNotes(TableDef table, Map<String, String> row, Changes changes, Actor actor, String now) {
        for (String[] note : changes.notes()) {
            journals.append(table, row.get("sys_id"), note[0], note[1], actor.userName(), now);
        }
    }

    private Changes parse(TableDef table, JsonNode body) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String[]> notes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String column = e.getKey();
            String value = text(e.getValue());
            if (table.isJournal(column)) {
                if (!value.isBlank()) {
                    notes.add(new String[] {column, value});
                }
            } else if (table.isWritable(column)) {
                values.put(column, table.isReference(column) ? fields.resolveReference(table, column, value) : value);
            }
        }
        return new Changes(values, notes);
    }

    /** Values are strings; numbers and booleans are taken as written, {@code {"value":...}} objects unwrapped. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isObject() && node.has("value")) {
            return text(node.get("value"));
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static void fillIfBlank(Map<String, String> row, String column, String value) {
        if (row.containsKey(column) && row.get(column).isEmpty()) {
            row.put(column, value);
        }
    }
}
