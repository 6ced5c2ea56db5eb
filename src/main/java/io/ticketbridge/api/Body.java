package io.ticketbridge.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and validates a JSON object body field by field, collecting every problem so the caller
 * gets them all in one 400 ({@code validationErrors}). Unknown fields are errors.
 */
public final class Body {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final ObjectNode node;
    private final List<String> errors = new ArrayList<>();

    private Body(ObjectNode node) {
        this.node = node;
    }

    public static Body of(ObjectNode node, Set<String> allowed) {
        Body b = new Body(node);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                b.errors.add("unknown field '" + name + "'");
            }
        }
        return b;
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public JsonNode raw(String name) {
        return node.get(name);
    }

    public void error(String message) {
        errors.add(message);
    }

    /** A string (trimmed; empty is treated as null). */
    public String string(String name, boolean required, int maxLength) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add("'" + name + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add("'" + name + "' must be a string");
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            if (required) {
                errors.add("'" + name + "' must not be empty");
            }
            return null;
        }
        if (s.length() > maxLength) {
            errors.add("'" + name + "' must be at most " + maxLength + " characters");
            return null;
        }
        return s;
    }

    public String oneOf(String name, boolean required, List<String> allowed) {
        String s = string(name, required, 100);
        if (s != null && !allowed.contains(s)) {
            errors.add("'" + name + "' must be one of " + allowed);
            return null;
        }
        return s;
    }

    public String email(String name, boolean required) {
        String s = string(name, required, 320);
        if (s != null && !EMAIL.matcher(s).matches()) {
            errors.add("'" + name + "' must be an email address");
            return null;
        }
        return s;
    }

    public String url(String name, boolean required) {
        String s = string(name, required, 1000);
        if (s != null && !(s.startsWith("http://") || s.startsWith("https://"))) {
            errors.add("'" + name + "' must be an http(s) URL");
            return null;
        }
        if (s != null) {
            try {
                java.net.URI uri = java.net.URI.create(s);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                errors.add("'" + name + "' is not a valid URL");
                return null;
            }
        }
        return s;
    }

    public Integer integer(String name, boolean required, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add("'" + name + "' is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            errors.add("'" + name + "' must be an integer between " + min + " and " + max);
            return null;
        }
        return v.asInt();
    }

    public Boolean bool(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add("'" + name + "' is required");
            }
            return null;
        }
        if (!v.isBoolean()) {
            errors.add("'" + name + "' must be true or false");
            return null;
        }
        return v.asBoolean();
    }

    public Instant instant(String name, boolean required) {
        String s = string(name, required, 64);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            errors.add("'" + name + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    public List<String> stringList(String name, int maxItems, int maxLength) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.size() > maxItems) {
            errors.add("'" + name + "' must be an array of at most " + maxItems + " strings");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > maxLength) {
                errors.add("'" + name + "' items must be non-empty strings of at most " + maxLength + " characters");
                return null;
            }
            out.add(item.asText().trim());
        }
        return out;
    }

    public ObjectNode object(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add("'" + name + "' is required");
            }
            return null;
        }
        if (!v.isObject()) {
            errors.add("'" + name + "' must be an object");
            return null;
        }
        return (ObjectNode) v;
    }

    /** A flat object whose values are strings (credentials, headers). */
    public Map<String, String> stringMap(String name, boolean required, int maxEntries) {
        ObjectNode o = object(name, required);
        if (o == null) {
            return null;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        var it = o.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isNull()) {
                out.put(e.getKey(), null);
            } else if (!e.getValue().isValueNode() || e.getValue().asText().length() > 4000) {
                errors.add("'" + name + "." + e.getKey() + "' must be a string");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        if (out.size() > maxEntries) {
            errors.add("'" + name + "' has more than " + maxEntries + " entries");
        }
        return out;
    }

    /** Throws one 400 with every problem found so far. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    public List<String> errors() {
        return errors;
    }
}
