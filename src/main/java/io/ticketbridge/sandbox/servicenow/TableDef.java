package io.ticketbridge.sandbox.servicenow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table's shape: its columns in output order with their default values, which columns reference which table,
 * the journal (write-only) columns, the display column, numbering and whether the integration user may write it.
 */
record TableDef(String name, Map<String, String> defaults, Map<String, String> references, Set<String> journals,
                String displayColumn, String numberPrefix, int firstNumber, boolean writable) {

    static final List<String> SYSTEM = List.of("sys_created_on", "sys_created_by", "sys_updated_on",
            "sys_updated_by", "sys_mod_count");

    TableDef {
        defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        references = Map.copyOf(references);
        journals = Set.copyOf(journals);
    }

    boolean has(String column) {
        return defaults.containsKey(column);
    }

    boolean isReference(String column) {
        return references.containsKey(column);
    }

    boolean isJournal(String column) {
        return journals.contains(column);
    }

    /** Columns a client may set: not sys_*, not the number, not journals (those are handled separately). */
    boolean isWritable(String column) {
        return has(column) && !column.startsWith("sys_") && !column.equals("number") && !isJournal(column);
    }

    Iterable<String> columns() {
        return defaults.keySet();
    }

    /** Builds the column map: names with "" default, or {@code name=default}. */
    static Map<String, String> columns(String... specs) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sys_id", "");
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            out.put(eq < 0 ? spec : spec.substring(0, eq), eq < 0 ? "" : spec.substring(eq + 1));
        }
        return out;
    }

    static Map<String, String> withSystem(Map<String, String> columns) {
        for (String column : SYSTEM) {
            columns.put(column, column.equals("sys_mod_count") ? "0" : "");
        }
        return columns;
    }
}
