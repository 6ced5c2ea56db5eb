package io.ticketbridge.sandbox.servicenow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code sysparm_query}. Precedence as connectors.md 6.1: {@code ^NQ} separates whole groups (OR of
 * groups), {@code ^} is AND within a group and {@code ^OR} attaches to the condition before it, so
 * {@code a^b^ORc} is {@code a AND (b OR c)}. {@code ORDERBY}/{@code ORDERBYDESC} may appear anywhere and chain; the
 * sort always ends with sys_id so equal keys page consistently. Unknown columns and unparseable parts are ignored,
 * as ServiceNow does, unless the instance returns no rows for invalid queries.
 */
final class EncodedQuery {

    record Condition(String field, Operator op, String operand, boolean acceptDisplay) {
    }

    record Order(String field, boolean descending) {
    }

    private static final Pattern FIELD = Pattern.compile("^[a-z0-9_.]+");
    private static final Pattern DATE_GENERATE = Pattern.compile(
            "javascript:gs\\.dateGenerate\\('([^']*)'\\s*,\\s*'([^']*)'\\)");

    /** OR of groups; each group an AND of terms; each term an OR of conditions. */
    private final List<List<List<Condition>>> groups;
    private final List<Order> orders;
    private final boolean invalid;

    private EncodedQuery(List<List<List<Condition>>> groups, List<Order> orders, boolean invalid) {
        this.groups = groups;
        this.orders = orders;
        this.invalid = invalid;
    }

    static EncodedQuery parse(String query, TableDef table, Fields fields) {
        List<List<List<Condition>>> groups = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        boolean invalid = false;
        if (query != null && !query.isEmpty()) {
            for (String groupText : query.split("\\^NQ")) {
                List<List<Condition>> group = new ArrayList<>();
                for (String part : groupText.split("\\^")) {
                    if (part.isEmpty() || part.equals("EQ")) {
                        continue;
                    }
                    if (part.startsWith("ORDERBY")) {
                        boolean desc = part.startsWith("ORDERBYDESC");
                        String field = part.substring(desc ? 11 : 7);
                        if (fields.valid(table, field)) {
                            orders.add(new Order(field, desc));
                        } else {
                            invalid = true;
                        }
                        continue;
                    }
                    boolean or = part.startsWith("OR") && !group.isEmpty();
                    Condition condition = condition(or ? part.substring(2) : part, table, fields);
                    if (condition == null) {
                        invalid = true;
                    } else if (or) {
                        group.get(group.size() - 1).add(condition);
                    } else {
                        group.add(new ArrayList<>(List.of(condition)));
                    }
                }
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
        }
        return new EncodedQuery(groups, orders, invalid);
    }

    /** Plain {@code name=value} parameters: equality, and choice labels or reference names also match. */
    static EncodedQuery nameValue(Map<String, List<String>> params, TableDef table, Fields fields) {
        List<List<Condition>> group = new ArrayList<>();
        boolean invalid = false;
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getKey().startsWith("sysparm_")) {
                continue;
            }
            if (!fields.valid(table, e.getKey())) {
                invalid = true;
                continue;
            }
            group.add(new ArrayList<>(List.of(new Condition(e.getKey(), Operator.EQUALS, e.getValue().get(0), true))));
        }
        return new EncodedQuery(group.isEmpty() ? List.of() : List.of(group), List.of(), invalid);
    }

    private static Condition condition(String text, TableDef table, Fields fields) {
        Matcher m = FIELD.matcher(text);
        if (!m.find() || !fields.valid(table, m.group())) {
            return null;
        }
        String rest = text.substring(m.end());
        for (Operator op : Operator.values()) {
            if (rest.startsWith(op.token)) {
                String operand = rest.substring(op.token.length());
                if (op.unary() && !operand.isEmpty()) {
                    return null;
                }
                return new Condition(m.group(), op, literal(operand), false);
            }
        }
        return null;
    }

    /** {@code javascript:gs.dateGenerate('2024-06-03','10:00:00')} is the one script value clients commonly send. */
    private static String literal(String operand) {
        Matcher m = DATE_GENERATE.matcher(operand);
        return m.matches() ? m.group(1) + " " + m.group(2) : operand;
    }

    /** Whether the query was asked to be strict and had a part it could not use. */
    boolean invalid() {
        return invalid;
    }

    boolean matches(TableDef table, Map<String, String> row, Fields fields) {
        if (groups.isEmpty()) {
            return true;
        }
        for (List<List<Condition>> group : groups) {
            if (group.stream().allMatch(term -> term.stream().anyMatch(c -> test(c, table, row, fields)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean test(Condition c, TableDef table, Map<String, String> row, Fields fields) {
        String actual = fields.value(table, row, c.field());
        if (c.op().test(actual, c.operand())) {
            return true;
        }
        return c.acceptDisplay() && fields.display(table, row, c.field()).equalsIgnoreCase(c.operand());
    }

    Comparator<Map<String, String>> order(TableDef table, Fields fields) {
        Comparator<Map<String, String>> comparator = (a, b) -> 0;
        for (Order o : orders) {
            Comparator<Map<String, String>> key = (a, b) -> Operator.compare(fields.value(table, a, o.field()),
                    fields.value(table, b, o.field()));
            comparator = comparator.thenComparing(o.descending() ? key.reversed() : key);
        }
        return comparator.thenComparing(row -> row.get("sys_id"));
    }
}
