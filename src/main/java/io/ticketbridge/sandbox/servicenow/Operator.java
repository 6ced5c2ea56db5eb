package io.ticketbridge.sandbox.servicenow;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;

/**
 * Encoded-query operators (connectors.md 6.1). Text operators other than {@code =} ignore case; ordering operators
 * compare numbers numerically and anything else as text, which orders {@code yyyy-MM-dd HH:mm:ss} dates
 * correctly. Empty values never satisfy an ordering comparison (SQL's NULL).
 */
enum Operator {
    // Longest tokens first: parsing takes the first token the condition continues with.
    IS_NOT_EMPTY("ISNOTEMPTY"), IS_EMPTY("ISEMPTY"), NOT_LIKE("NOT LIKE"), NOT_IN("NOT IN"),
    STARTS_WITH("STARTSWITH"), ENDS_WITH("ENDSWITH"), BETWEEN("BETWEEN"), ANYTHING("ANYTHING"), LIKE("LIKE"),
    IN("IN"), NOT_EQUALS("!="), GREATER_OR_EQUAL(">="), LESS_OR_EQUAL("<="), EQUALS("="), GREATER(">"), LESS("<");

    final String token;

    Operator(String token) {
        this.token = token;
    }

    /** Whether the operator takes no operand. */
    boolean unary() {
        return this == IS_EMPTY || this == IS_NOT_EMPTY || this == ANYTHING;
    }

    boolean test(String actual, String operand) {
        return switch (this) {
            case EQUALS -> actual.equals(operand);
            case NOT_EQUALS -> !actual.equals(operand);
            case LIKE -> lower(actual).contains(lower(operand));
            case NOT_LIKE -> !lower(actual).contains(lower(operand));
            case STARTS_WITH -> lower(actual).startsWith(lower(operand));
            case ENDS_WITH -> lower(actual).endsWith(lower(operand));
            case IN -> list(operand).contains(actual);
            case NOT_IN -> !list(operand).contains(actual);
            case IS_EMPTY -> actual.isEmpty();
            case IS_NOT_EMPTY -> !actual.isEmpty();
            case ANYTHING -> true;
            case GREATER -> !actual.isEmpty() && compare(actual, operand) > 0;
            case GREATER_OR_EQUAL -> !actual.isEmpty() && compare(actual, operand) >= 0;
            case LESS -> !actual.isEmpty() && compare(actual, operand) < 0;
            case LESS_OR_EQUAL -> !actual.isEmpty() && compare(actual, operand) <= 0;
            case BETWEEN -> between(actual, operand);
        };
    }

    private static boolean between(String actual, String operand) {
        int at = operand.indexOf('@');
        return at > 0 && !actual.isEmpty() && compare(actual, operand.substring(0, at)) >= 0
                && compare(actual, operand.substring(at + 1)) <= 0;
    }

    private static java.util.List<String> list(String operand) {
        return Arrays.stream(operand.split(",")).map(String::trim).toList();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Numbers numerically, empty first, everything else as text. Also the sort order of ORDERBY. */
    static int compare(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? (b.isEmpty() ? 0 : -1) : 1;
        }
        BigDecimal x = number(a);
        BigDecimal y = x == null ? null : number(b);
        return y != null ? x.compareTo(y) : a.compareTo(b);
    }

    private static BigDecimal number(String s) {
        if (s.length() > 30 || !s.matches("-?\\d+(\\.\\d+)?")) {
            return null;
        }
        return new BigDecimal(s);
    }
}
