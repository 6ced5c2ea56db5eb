package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;

/**
 * Reads dotted field paths ({@code status.name}, {@code udf_fields.udf_sline_301}) and compares the values the way
 * SDP search and sort need: datetimes by epoch millis, lookups by id or name, numbers numerically, text without
 * regard to case.
 */
final class FieldValue {

    private FieldValue() {
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /**
     * The comparable text of a node: a datetime's {@code value}, a lookup's {@code name} (or {@code id} when asked
     * by id), a scalar's text.
     */
    static String scalar(JsonNode node, String preferredKey) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            for (String key : new String[] {preferredKey, "value", "name", "id"}) {
                if (key != null && node.hasNonNull(key)) {
                    return node.get(key).asText();
                }
            }
            return null;
        }
        return node.asText();
    }

    static BigDecimal number(String text) {
        // Checked up front: most values are text, and a thrown NumberFormatException per comparison dominates
        // the cost of searching a few thousand requests.
        if (text == null || !looksNumeric(text)) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean looksNumeric(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > 40) {
            return false;
        }
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        boolean digit = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                return false;
            }
        }
        return digit;
    }

    /** Numbers numerically when both sides are numbers, otherwise text ignoring case. */
    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    /** Sort key of a field: lookups by id (so priority sorts Low..Urgent), datetimes by millis, else the text. */
    static SortKey sortKey(JsonNode row, String path) {
        String text = scalar(at(row, path), "id");
        return text == null ? null : new SortKey(number(text), text.toLowerCase(Locale.ROOT));
    }

    /** Nulls last in either direction. */
    static Comparator<SortKey> keyOrder(boolean descending) {
        return Comparator.nullsLast(descending ? Comparator.<SortKey>reverseOrder() : Comparator.<SortKey>naturalOrder());
    }

    /** Numbers before text, numbers numerically, text ignoring case: a total order even for mixed fields. */
    record SortKey(BigDecimal number, String text) implements Comparable<SortKey> {
        @Override
        public int compareTo(SortKey other) {
            if (number != null && other.number != null) {
                int byNumber = number.compareTo(other.number);
                return byNumber != 0 ? byNumber : text.compareTo(other.text);
            }
            if (number != null || other.number != null) {
                return number != null ? -1 : 1;
            }
            return text.compareTo(other.text);
        }
    }
}
