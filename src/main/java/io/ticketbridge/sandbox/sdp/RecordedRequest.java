package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the simulator received it, before any fault, rate limit or auth decision.
 *
 * @param method     HTTP method, upper case
 * @param path       raw request path, e.g. {@code /api/v3/requests/1000/notes}
 * @param query      raw (still URL-encoded) query string, or null
 * @param headers    request headers; lookups through {@link #header(String)} ignore case
 * @param body       raw body bytes (copied on access)
 * @param inputData  decoded {@code input_data} (form body or query), or null when absent or not valid JSON
 * @param receivedAt arrival time on the simulator's clock
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body, JsonNode inputData, Instant receivedAt) {

    public RecordedRequest {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
        inputData = inputData == null ? null : inputData.deepCopy();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public JsonNode inputData() {
        return inputData == null ? null : inputData.deepCopy();
    }

    /** First value of a header, any case, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** First decoded value of a query parameter, or null. */
    public String queryParam(String name) {
        return FormCodec.first(FormCodec.parse(query), name);
    }
}
