package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a row as the Table API answers it. Values are strings. A reference is {@code {"link","value"}} (or the
 * bare sys_id with {@code sysparm_exclude_reference_link=true}), and "" when empty. {@code sysparm_display_value=true}
 * gives labels and names ({@code {"display_value","link"}} for references), {@code all} gives
 * {@code {"display_value","value"}} for every field and adds {@code link} to references (connectors.md 6.1).
 * Unknown names in {@code sysparm_fields} are ignored. Callers hold the database's lock.
 */
final class RecordRenderer {

    private final Fields fields;
    private final Journals journals;
    private final Supplier<String> baseUrl;

    RecordRenderer(Fields fields, Journals journals, Supplier<String> baseUrl) {
        this.fields = fields;
        this.journals = journals;
        this.baseUrl = baseUrl;
    }

    ObjectNode render(TableDef table, Map<String, String> row, Rendering how) {
        ObjectNode out = Json.object();
        for (String path : columns(table, how)) {
            boolean topLevel = path.indexOf('.') < 0;
            String value = fields.value(table, row, path);
            if (topLevel && table.isJournal(path)) {
                String history = how.mode() == Rendering.Mode.VALUE ? "" : journals.display(row.get("sys_id"), path);
                plain(out, path, "", history, how);
            } else if (topLevel && table.isReference(path)) {
                reference(out, table, path, value, how);
            } else {
                plain(out, path, value, fields.display(table, row, path), how);
            }
        }
        return out;
    }

    private List<String> columns(TableDef table, Rendering how) {
        List<String> columns = new ArrayList<>();
        if (how.fields() == null) {
            table.columns().forEach(columns::add);
        } else {
            for (String f : how.fields()) {
                if (fields.valid(table, f) && !columns.contains(f)) {
                    columns.add(f);
                }
            }
        }
        return columns;
    }

    private static void plain(ObjectNode out, String name, String value, String display, Rendering how) {
        switch (how.mode()) {
            case VALUE -> out.put(name, value);
            case DISPLAY -> out.put(name, display);
            case ALL -> out.putObject(name).put("display_value", display).put("value", value);
        }
    }

    private void reference(ObjectNode out, TableDef table, String column, String value, Rendering how) {
        String display = fields.displayOf(table, column, value);
        if (value.isEmpty()) {
            if (how.mode() == Rendering.Mode.ALL) {
                out.putObject(column).put("display_value", "").put("value", "");
            } else {
                out.put(column, "");
            }
            return;
        }
        String link = baseUrl.get() + "/api/now/table/" + table.references().get(column) + "/" + value;
        boolean links = !how.excludeReferenceLink();
        switch (how.mode()) {
            case VALUE -> {
                if (links) {
                    out.putObject(column).put("link", link).put("value", value);
                } else {
                    out.put(column, value);
                }
            }
            case DISPLAY -> {
                if (links) {
                    out.putObject(column).put("display_value", display).put("link", link);
                } else {
                    out.put(column, display);
                }
            }
            case ALL -> {
                ObjectNode node = out.putObject(column).put("display_value", display);
                if (links) {
                    node.put("link", link);
                }
                node.put("value", value);
            }
        }
    }
}
