package io.ticketbridge.sandbox.servicenow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident state model (external-apis.md 2.3, connectors.md 6.3): On Hold needs a hold reason; Resolved and
 * Closed need close_code and close_notes (403 data policy otherwise) with a close code from this instance's
 * {@code sys_choice}; Closed straight from an open state only where the instance allows it (closing normally
 * follows Resolved, by auto-close or an itil_admin); Closed and Canceled incidents are read-only (403 ACL).
 */
final class IncidentRules implements TableRules {

    private static final Set<String> STATES = Set.of("1", "2", "3", "6", "7", "8");
    private static final Set<String> FINAL = Set.of("7", "8");

    private final Choices choices;
    private final boolean allowDirectClose;

    IncidentRules(Choices choices, boolean allowDirectClose) {
        this.choices = choices;
        this.allowDirectClose = allowDirectClose;
    }

    @Override
    public void check(Map<String, String> before, Map<String, String> after) {
        String from = before == null ? "1" : before.get("state");
        String to = after.get("state");
        if (before != null && FINAL.contains(from)) {
            throw SnError.acl("Update");
        }
        if (!STATES.contains(to)) {
            throw SnError.invalidChoice(label("state"), to);
        }
        if (to.equals("3") && TableRules.blank(after.get("hold_reason"))) {
            throw SnError.mandatory(List.of(label("hold_reason")));
        }
        if (to.equals("6") || to.equals("7")) {
            List<String> missing = new ArrayList<>();
            if (TableRules.blank(after.get("close_code"))) {
                missing.add(label("close_code"));
            }
            if (TableRules.blank(after.get("close_notes"))) {
                missing.add(label("close_notes"));
            }
            if (!missing.isEmpty()) {
                throw SnError.mandatory(missing);
            }
            if (!choices.values(Tables.INCIDENT, "close_code").contains(after.get("close_code"))) {
                throw SnError.invalidChoice(label("close_code"), after.get("close_code"));
            }
        }
        if (to.equals("7") && !from.equals("7") && !from.equals("6") && !allowDirectClose) {
            throw SnError.readOnly(List.of(label("state")));
        }
    }

    @Override
    public void derive(Map<String, String> before, Map<String, String> after, Actor actor, String now) {
        String from = before == null ? "" : before.get("state");
        String to = after.get("state");
        after.put("priority", TableRules.priority(after.get("impact"), after.get("urgency")));
        after.put("incident_state", to);
        if (!to.equals("3")) {
            after.put("hold_reason", "");
        }
        if (to.equals("6") && !from.equals("6") || to.equals("7") && TableRules.blank(after.get("resolved_at"))) {
            after.put("resolved_at", now);
            after.put("resolved_by", actor.sysId());
        }
        if (to.equals("7") && !from.equals("7")) {
            after.put("closed_at", now);
            after.put("closed_by", actor.sysId());
        }
        after.put("active", Boolean.toString(!FINAL.contains(to)));
    }

    private static String label(String column) {
        return Choices.fieldLabel(Tables.INCIDENT, column);
    }
}
