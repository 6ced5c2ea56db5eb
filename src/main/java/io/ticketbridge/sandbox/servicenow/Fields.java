package io.ticketbridge.sandbox.servicenow;

import java.util.Map;

/**
 * Reads a column of a row, also dot-walked through references ({@code assignment_group.name}), and its display
 * value: a reference shows the referenced row's display column, a choice its label, anything else itself.
 * Callers hold the database's lock.
 */
final class Fields {

    private final Database db;
    private final Choices choices;

    Fields(Database db, Choices choices) {
        this.db = db;
        this.choices = choices;
    }

    Choices choices() {
        return choices;
    }

    /** Whether {@code path} names a column of the table, following references for each dot. */
    boolean valid(TableDef table, String path) {
        TableDef current = table;
        String[] parts = path.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (current == null || !current.has(parts[i])) {
                return false;
            }
            if (i < parts.length - 1) {
                current = current.isReference(parts[i]) ? Tables.get(current.references().get(parts[i])) : null;
            }
        }
        return true;
    }

    /** The stored value at {@code path}; "" when a reference on the way is empty or dangling. */
    String value(TableDef table, Map<String, String> row, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return row.getOrDefault(path, "");
        }
        String column = path.substring(0, dot);
        Map<String, String> target = referenced(table, column, row.get(column));
        return target == null ? "" : value(Tables.get(table.references().get(column)), target, path.substring(dot + 1));
    }

    /** The display value at {@code path}. */
    String display(TableDef table, Map<String, String> row, String path) {
        int dot = path.indexOf('.');
        if (dot >= 0) {
            String column = path.substring(0, dot);
            Map<String, String> target = referenced(table, column, row.get(column));
            return target == null ? "" : display(Tables.get(table.references().get(column)), target,
                    path.substring(dot + 1));
        }
        return displayOf(table, path, row.getOrDefault(path, ""));
    }

    String displayOf(TableDef table, String column, String value) {
        if (value.isEmpty()) {
            return "";
        }
        if (table.isReference(column)) {
            Map<String, String> target = referenced(table, column, value);
            if (target == null) {
                return "";
            }
            TableDef targetDef = Tables.get(table.references().get(column));
            return target.getOrDefault(targetDef.displayColumn(), "");
        }
        return choices.isChoice(table.name(), column) ? choices.label(table.name(), column, value) : value;
    }

    /** The row a reference column points at, or null. */
    Map<String, String> referenced(TableDef table, String column, String sysId) {
        if (!table.isReference(column) || sysId == null || sysId.isEmpty()) {
            return null;
        }
        return db.row(table.references().get(column), sysId);
    }

    /**
     * A written reference value as ServiceNow stores it: a sys_id of the target table stays; otherwise the row whose
     * display value (or user_name, for users) matches, as the platform resolves names; otherwise the raw text.
     */
    String resolveReference(TableDef table, String column, String written) {
        if (written.isEmpty()) {
            return "";
        }
        String targetName = table.references().get(column);
        if (db.row(targetName, written) != null) {
            return written;
        }
        TableDef target = Tables.get(targetName);
        for (Map<String, String> candidate : db.rows(targetName)) {
            if (written.equals(candidate.get(target.displayColumn())) || written.equals(candidate.get("user_name"))) {
                return candidate.get("sys_id");
            }
        }
        return written;
    }
}
