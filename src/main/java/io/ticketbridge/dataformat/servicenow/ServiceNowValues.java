package io.ticketbridge.dataformat.servicenow;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How ServiceNow writes values in its answers: every value a string; a reference {link, value}; with
 * sysparm_display_value=all every field {display_value, value[, link]}; date-times as UTC
 * "yyyy-MM-dd HH:mm:ss" values (a display value is in the API user's zone and format, so never
 * parsed); and empty journal input fields ("work_notes": "") on every record.
 */
public final class ServiceNowValues {

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ServiceNowValues() {
    }

    /** The value of a plain field, a reference or a display-value object; "" is null. */
    public static String value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            return value(n.get("value"));
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /** The display value when the answer has one, else the value. */
    public static String display(JsonNode n) {
        if (n != null && n.isObject()) {
            JsonNode d = n.get("display_value");
            if (d != null && d.isTextual() && !d.asText().isBlank()) {
                return d.asText();
            }
        }
        return value(n);
    }

    /** A single-record answer {"result": {...}} or the record itself: the record. */
    public static JsonNode record(JsonNode answer) {
        if (answer == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        JsonNode result = answer.get("result");
        return result != null && result.isObject() && !answer.has("sys_id") ? result : answer;
    }

    public static String time(Instant at) {
        return TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    public static Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
