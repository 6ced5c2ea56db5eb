package io.ticketbridge.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed, validated query parameters; every bad value becomes a 400 naming the parameter. */
public final class Query {

    private final Map<String, List<String>> params;

    Query(Map<String, List<String>> params) {
        this.params = params;
    }

    /** Rejects parameters this endpoint does not know. */
    public Query allow(String... names) {
        Set<String> allowed = Set.of(names);
        List<String> unknown = new ArrayList<>();
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                unknown.add("unknown query parameter '" + key + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.validation(unknown);
        }
        return this;
    }

    public String string(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.validation(List.of("query parameter '" + name + "' is given more than once"));
        }
        String v = values.get(0).trim();
        return v.isEmpty() ? null : v;
    }

    public String oneOf(String name, List<String> allowed) {
        String v = string(name);
        if (v != null && !allowed.contains(v)) {
            throw ApiException.validation(List.of("query parameter '" + name + "' must be one of " + allowed));
        }
        return v;
    }

    public int integer(String name, int fallback, int min, int max) {
        String v = string(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.validation(List.of("query parameter '" + name + "' must be an integer between "
                    + min + " and " + max));
        }
    }

    public Instant instant(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(List.of("query parameter '" + name
                    + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
        }
    }

    public int page() {
        return integer("page", 1, 1, 1_000_000);
    }

    public int pageSize() {
        return integer("page_size", 50, 1, 200);
    }
}
