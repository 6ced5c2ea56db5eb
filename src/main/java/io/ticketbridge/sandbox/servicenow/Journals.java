package io.ticketbridge.sandbox.servicenow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Work notes and additional comments. Writing {@code work_notes} or {@code comments} on a record appends a
 * {@code sys_journal_field} row instead of storing the text on the record (external-apis.md 2.2, connectors.md
 * 6.2); the record's own columns always read back empty unless display values are asked for, when they show the
 * platform's concatenated history, newest first. Callers hold the database's lock.
 */
final class Journals {

    private final Database db;

    Journals(Database db) {
        this.db = db;
    }

    void append(TableDef table, String recordSysId, String element, String value, String userName, String now) {
        Map<String, String> row = Seeds.row(Tables.JOURNAL, db.newSysId(), now);
        row.put("element", element);
        row.put("element_id", recordSysId);
        row.put("name", table.name());
        row.put("value", value);
        row.put("sys_created_by", userName);
        db.put(Tables.JOURNAL, row);
    }

    /** The record's journal rows, oldest first (the order they were written). */
    List<Map<String, String>> of(String recordSysId) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> row : db.rows(Tables.JOURNAL)) {
            if (recordSysId.equals(row.get("element_id"))) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * The display form of a journal column: {@code "<created> - <user's name> (Work notes)\n<text>\n\n"} per entry,
     * newest first, as the form and {@code sysparm_display_value=true} show it [layout UNVERIFIED].
     */
    String display(String recordSysId, String element) {
        List<Map<String, String>> rows = of(recordSysId);
        StringBuilder out = new StringBuilder();
        for (int i = rows.size() - 1; i >= 0; i--) {
            Map<String, String> row = rows.get(i);
            if (!element.equals(row.get("element"))) {
                continue;
            }
            Map<String, String> user = db.row(Tables.USER, Seeds.userSysId(row.get("sys_created_by")));
            String name = user == null ? row.get("sys_created_by") : user.get("name");
            out.append(row.get("sys_created_on")).append(" - ").append(name).append(" (")
                    .append(element.equals("work_notes") ? "Work notes" : "Additional comments").append(")\n")
                    .append(row.get("value")).append("\n\n");
        }
        return out.toString();
    }

    void removeOf(String recordSysId) {
        for (Map<String, String> row : of(recordSysId)) {
            db.remove(Tables.JOURNAL, row.get("sys_id"));
        }
    }
}
