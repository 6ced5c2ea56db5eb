package io.ticketbridge.sandbox.servicenow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change state model per type (connectors.md 6.4): normal New, Assess, Authorize, Scheduled, Implement, Review,
 * Closed; standard skips Assess and Authorize; emergency skips Assess. A write may move one step on, back to New
 * from Assess/Authorize/Scheduled, or to Canceled before Review; anything else (New to Implement, say) is the
 * business rule's 403. Approvals are not simulated: the step a real instance takes on approval is a plain PATCH.
 * Data policies: assignment_group from Assess on; close_code (successful|successful_issues|unsuccessful) and
 * close_notes to close. Closed and Canceled changes are read-only.
 */
final class ChangeRules implements TableRules {

    static final String STATE_RULE = "Change Model: Check State Transition";

    private static final Map<String, List<String>> MODELS = Map.of(
            "normal", List.of("-5", "-4", "-3", "-2", "-1", "0", "3"),
            "standard", List.of("-5", "-2", "-1", "0", "3"),
            "emergency", List.of("-5", "-3", "-2", "-1", "0", "3"));
    private static final Set<String> FINAL = Set.of("3", "4");
    private static final Set<String> REVERTIBLE = Set.of("-4", "-3", "-2");

    private final Choices choices;

    ChangeRules(Choices choices) {
        this.choices = choices;
    }

    @Override
    public void check(Map<String, String> before, Map<String, String> after) {
        String from = before == null ? "-5" : before.get("state");
        String to = after.get("state");
        if (before != null && FINAL.contains(from)) {
            throw SnError.acl("Update");
        }
        List<String> model = MODELS.get(after.get("type"));
        if (model == null) {
            throw SnError.invalidChoice(label("type"), after.get("type"));
        }
        if (!from.equals(to) && !allowed(model, from, to)) {
            throw SnError.businessRule(Tables.CHANGE, STATE_RULE);
        }
        if (!to.equals("-5") && !to.equals("4") && TableRules.blank(after.get("assignment_group"))) {
            throw SnError.mandatory(List.of(label("assignment_group")));
        }
        if (to.equals("3")) {
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
            if (!choices.values(Tables.CHANGE, "close_code").contains(after.get("close_code"))) {
                throw SnError.invalidChoice(label("close_code"), after.get("close_code"));
            }
        }
    }

    private static boolean allowed(List<String> model, String from, String to) {
        int at = model.indexOf(from);
        if (to.equals("4")) {
            return at >= 0 && at < model.indexOf("0");
        }
        if (to.equals("-5")) {
            return REVERTIBLE.contains(from) && model.contains(from);
        }
        return at >= 0 && at + 1 < model.size() && model.get(at + 1).equals(to);
    }

    @Override
    public void derive(Map<String, String> before, Map<String, String> after, Actor actor, String now) {
        String to = after.get("state");
        if (to.equals("3") && (before == null || !"3".equals(before.get("state")))) {
            after.put("closed_at", now);
            after.put("closed_by", actor.sysId());
        }
        after.put("active", Boolean.toString(!FINAL.contains(to)));
    }

    private static String label(String column) {
        return Choices.fieldLabel(Tables.CHANGE, column);
    }
}
