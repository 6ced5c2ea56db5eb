package io.ticketbridge.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a simulator received it, recorded before any fault, auth or rate-limit decision, so tests
 * also see the attempts that were failed, delayed or cut off.
 *
 * @param method     HTTP method, upper case
 * @param path       raw (still percent-encoded) path, e.g. {@code /api/now/table/incident}
 * @param query      raw (still percent-encoded) query string, or null
 * @param headers    request headers; {@link #header(String)} ignores case
 * @param body       raw body bytes (copied on access)
 * @param receivedAt arrival time on the simulator's clock
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body, Instant receivedAt) {

    public RecordedRequest {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Body length without copying it. */
    public int bodyLength() {
        return body.length;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** First value of a header, any case, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public QueryParams params() {
        return QueryParams.parse(query);
    }

    /** First decoded value of a query parameter, or null. */
    public String queryParam(String name) {
        return params().first(name);
    }

    /** Path with the query, as sent: handy in assertions ({@code GET /api/now/table/incident?sysparm_limit=5}). */
    public String target() {
        return query == null ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        // Headers can carry credentials: they are left out so a failed assertion never prints a secret.
        return method + " " + target() + " (" + body.length + " bytes)";
    }
}
