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
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
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

    /**
     * Sort order of a field: lookups by id (so priority sorts Low..Urgent), datetimes by millis. Numbers sort
     * before text so the order stays total when a field mixes both.
     */
    static Comparator<JsonNode> sortOrder(String path, boolean descending) {
        Comparator<String> values = Comparator.comparing((String s) -> number(s) == null)
                .thenComparing(FieldValue::number, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(s -> s.toLowerCase(Locale.ROOT));
        if (descending) {
            values = values.reversed();
        }
        return Comparator.comparing((JsonNode request) -> scalar(at(request, path), "id"),
                Comparator.nullsLast(values));
    }
}
