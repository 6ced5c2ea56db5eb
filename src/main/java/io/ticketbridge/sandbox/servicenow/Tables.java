package io.ticketbridge.sandbox.servicenow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The tables the simulator serves and their columns (a working subset of each real table). */
final class Tables {

    static final String INCIDENT = "incident";
    static final String CHANGE = "change_request";
    static final String JOURNAL = "sys_journal_field";
    static final String GROUP = "sys_user_group";
    static final String USER = "sys_user";
    static final String CHOICE = "sys_choice";
    static final String ATTACHMENT = "sys_attachment";
    static final String TIME_WORKED = "task_time_worked";

    private static final Set<String> JOURNALS = Set.of("work_notes", "comments");

    private static final Map<String, TableDef> ALL = new LinkedHashMap<>();

    static {
        add(new TableDef(INCIDENT, TableDef.withSystem(TableDef.columns("number", "short_description",
                "description", "caller_id", "opened_by", "opened_at", "assigned_to", "assignment_group",
                "category=inquiry", "subcategory", "contact_type", "impact=3", "urgency=3", "priority=5", "state=1",
                "incident_state=1", "hold_reason", "active=true", "close_code", "close_notes", "resolved_at",
                "resolved_by", "closed_at", "closed_by", "correlation_id", "correlation_display", "work_notes",
                "comments", "sys_class_name=incident")),
                Map.of("caller_id", USER, "opened_by", USER, "assigned_to", USER, "resolved_by", USER,
                        "closed_by", USER, "assignment_group", GROUP),
                JOURNALS, "number", "INC", 10001, true));
        add(new TableDef(CHANGE, TableDef.withSystem(TableDef.columns("number", "short_description",
                "description", "type=normal", "risk=3", "impact=3", "urgency=3", "priority=4", "state=-5",
                "assignment_group", "assigned_to", "requested_by", "opened_by", "opened_at", "start_date",
                "end_date", "category=Other", "justification", "implementation_plan", "backout_plan", "test_plan",
                "on_hold=false", "on_hold_reason", "approval=not requested", "close_code", "close_notes",
                "closed_at", "closed_by", "active=true", "correlation_id", "correlation_display", "work_notes",
                "comments", "sys_class_name=change_request")),
                Map.of("assignment_group", GROUP, "assigned_to", USER, "requested_by", USER, "opened_by", USER,
                        "closed_by", USER),
                JOURNALS, "number", "CHG", 30001, true));
        add(new TableDef(JOURNAL, TableDef.columns("element", "element_id", "name", "value", "sys_created_on",
                "sys_created_by"), Map.of(), Set.of(), "value", null, 0, false));
        add(new TableDef(GROUP, TableDef.withSystem(TableDef.columns("name", "description", "email", "manager",
                "active=true")), Map.of("manager", USER), Set.of(), "name", null, 0, false));
        add(new TableDef(USER, TableDef.withSystem(TableDef.columns("user_name", "name", "first_name",
                "last_name", "email", "active=true")), Map.of(), Set.of(), "name", null, 0, false));
        add(new TableDef(CHOICE, TableDef.withSystem(TableDef.columns("name", "element", "value", "label",
                "sequence", "inactive=false", "language=en", "dependent_value")), Map.of(), Set.of(), "label",
                null, 0, false));
        add(new TableDef(ATTACHMENT, TableDef.withSystem(TableDef.columns("file_name", "content_type",
                "size_bytes", "size_compressed", "compressed=false", "table_name", "table_sys_id", "hash",
                "state=available")), Map.of(), Set.of(), "file_name", null, 0, false));
        // Time Worked: one row per time entry on a task (time_worked is a duration as a date after the epoch)
        add(new TableDef(TIME_WORKED, TableDef.withSystem(TableDef.columns("task", "time_worked", "comments",
                "user")), Map.of("user", USER), Set.of(), "task", null, 0, true));
    }

    private Tables() {
    }

    private static void add(TableDef def) {
        ALL.put(def.name(), def);
    }

    /** The table, or null when the simulator does not serve it. */
    static TableDef get(String name) {
        return ALL.get(name);
    }

    static Iterable<TableDef> all() {
        return ALL.values();
    }
}
