package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the simulator received it, before any injected fault was applied, so tests can see
 * retries of requests that were failed, delayed or cut off.
 *
 * @param method     HTTP method
 * @param path       raw (still percent-encoded) path, e.g. {@code /acme/dev/queue/AQEB%2F%2B...}
 * @param query      raw query string, or null
 * @param headers    header names lower-cased
 * @param rawBody    body bytes as sent
 * @param json       parsed body, or a missing node when the body is empty or not JSON
 * @param receivedAt simulator clock time of arrival
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] rawBody, JsonNode json, Instant receivedAt) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
        rawBody = rawBody.clone();
    }

    @Override
    public byte[] rawBody() {
        return rawBody.clone();
    }

    /** Body decoded as UTF-8. */
    public String body() {
        return new String(rawBody, StandardCharsets.UTF_8);
    }

    /** First value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@code payload} object of a bridge request body, or a missing node. */
    public JsonNode payload() {
        return json.path("payload");
    }
}
