package io.ticketbridge.component.servicenow;

import java.util.regex.Pattern;

/**
 * Builds a sysparm_query encoded query: conditions joined by {@code ^} (AND), {@code ^OR} (binds to
 * the condition before it) and {@code ^NQ} (a new OR'ed group), then ORDERBY / ORDERBYDESC. Any
 * ordering ends with sys_id, because offset pages over a non-unique sort key skip or repeat rows.
 */
final class ServiceNowQuery {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.]+");

    private final StringBuilder conditions = new StringBuilder();
    private final StringBuilder order = new StringBuilder();
    private boolean orderedBySysId;
    private boolean lastDescending;

    static ServiceNowQuery where(String field, String operator, String value) {
        return new ServiceNowQuery().append("", field, operator, value);
    }

    ServiceNowQuery and(String field, String operator, String value) {
        return append("^", field, operator, value);
    }

    ServiceNowQuery or(String field, String operator, String value) {
        return append("^OR", field, operator, value);
    }

    ServiceNowQuery newQuery(String field, String operator, String value) {
        return append("^NQ", field, operator, value);
    }

    ServiceNowQuery orderBy(String field) {
        return sort("ORDERBY", field, false);
    }

    ServiceNowQuery orderByDesc(String field) {
        return sort("ORDERBYDESC", field, true);
    }

    String build() {
        StringBuilder out = new StringBuilder(conditions);
        StringBuilder sorts = new StringBuilder(order);
        if (sorts.length() > 0 && !orderedBySysId) {
            sorts.append('^').append(lastDescending ? "ORDERBYDESC" : "ORDERBY").append("sys_id");
        }
        if (sorts.length() > 0) {
            if (out.length() > 0) {
                out.append('^');
            }
            out.append(sorts);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return build();
    }

    private ServiceNowQuery append(String joiner, String field, String operator, String value) {
        checkField(field);
        // an encoded query has no escape for its separators: a value carrying one would change the query
        if (value.contains("^") || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("A ServiceNow query value cannot contain '^' or line breaks: "
                    + field + operator + "…");
        }
        conditions.append(joiner).append(field).append(operator).append(value);
        return this;
    }

    private ServiceNowQuery sort(String keyword, String field, boolean descending) {
        checkField(field);
        if (order.length() > 0) {
            order.append('^');
        }
        order.append(keyword).append(field);
        orderedBySysId |= "sys_id".equals(field);
        lastDescending = descending;
        return this;
    }

    private static void checkField(String field) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("Not a ServiceNow field name: " + field);
        }
    }
}
