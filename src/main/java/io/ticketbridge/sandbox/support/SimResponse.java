package io.ticketbridge.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response a simulator handler wants written. Header order is kept (a {@code Link} header's place matters to
 * nobody, but stable output makes recorded traffic diffable).
 */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json;charset=UTF-8";

    public SimResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    public static SimResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new SimResponse(status, headers, body);
    }

    public static SimResponse json(int status, String json) {
        return of(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** No body and no Content-Type, e.g. 204. */
    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0]);
    }

    /** A copy with one more header (replacing one of the same name). */
    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }

    public SimResponse withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new SimResponse(status, copy, body);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
