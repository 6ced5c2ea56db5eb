package io.ticketbridge.sandbox.servicenow;

import java.util.Map;

/** A table's data policies and business rules: checks that refuse a write, and fields the platform fills in. */
interface TableRules {

    TableRules NONE = new TableRules() {
    };

    /** Throws an {@link SnError} to refuse; {@code before} is null on insert. Skipped for direct (agent) writes. */
    default void check(Map<String, String> before, Map<String, String> after) {
    }

    /** Sets derived fields on {@code after} (priority, timestamps of state changes, active). Always runs. */
    default void derive(Map<String, String> before, Map<String, String> after, Actor actor, String now) {
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Priority from impact and urgency, the default lookup matrix (the doc sample's 2/2 gives 3). */
    static String priority(String impact, String urgency) {
        try {
            int sum = Integer.parseInt(impact) + Integer.parseInt(urgency);
            return Integer.toString(Math.max(1, Math.min(5, sum - 1)));
        } catch (NumberFormatException e) {
            return "5";
        }
    }
}
