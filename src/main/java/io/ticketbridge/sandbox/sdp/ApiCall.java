package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One inbound API call as the routes see it: method, path below {@code /api/v3}, headers, query, raw body,
 * path parameters and the decoded {@code input_data}.
 */
final class ApiCall {

    private final String method;
    private final List<String> segments;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final Map<String, String> params;
    private final ObjectMapper inputMapper;

    ApiCall(String method, List<String> segments, Map<String, List<String>> headers,
            Map<String, List<String>> query, byte[] body, Map<String, String> params, ObjectMapper inputMapper) {
        this.method = method;
        this.segments = List.copyOf(segments);
        this.headers = headers;
        this.query = query;
        this.body = body;
        this.params = Map.copyOf(params);
        this.inputMapper = inputMapper;
    }

    ApiCall withParams(Map<String, String> pathParams) {
        return new ApiCall(method, segments, headers, query, body, pathParams, inputMapper);
    }

    String method() {
        return method;
    }

    List<String> segments() {
        return segments;
    }

    String param(String name) {
        return params.get(name);
    }

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    byte[] body() {
        return body;
    }

    /**
     * The raw {@code input_data} text: from a form body (writes, and the Ansible collection's GETs) or else from
     * the query string (GET lists, as most clients send it).
     */
    String rawInputData() {
        String contentType = header("Content-Type");
        String bodyText = new String(body, StandardCharsets.UTF_8);
        boolean formBody = contentType != null
                ? contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")
                : bodyText.startsWith("input_data=");
        if (formBody && body.length > 0) {
            String fromBody = FormCodec.first(FormCodec.parse(bodyText), "input_data");
            if (fromBody != null) {
                return fromBody;
            }
        }
        return FormCodec.first(query, "input_data");
    }

    /** Decoded {@code input_data}, or null when absent or empty; malformed JSON is a 400 with code 4000. */
    ObjectNode inputData() {
        return parseInputData(rawInputData(), inputMapper);
    }

    static ObjectNode parseInputData(String raw, ObjectMapper mapper) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw SdpApiException.badInput("Invalid input_data: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode)) {
            throw SdpApiException.badInput("Invalid input_data: a JSON object is expected");
        }
        return (ObjectNode) node;
    }

    /** The object under the first root key present (e.g. {@code note} or {@code request_note}); else 4012. */
    Rooted root(String... keys) {
        Rooted rooted = optionalRoot(keys);
        if (rooted == null) {
            throw SdpApiException.mandatoryMissing(keys[0]);
        }
        return rooted;
    }

    Rooted optionalRoot(String... keys) {
        ObjectNode input = inputData();
        if (input == null) {
            return null;
        }
        for (String key : keys) {
            JsonNode node = input.get(key);
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    throw SdpApiException.invalidValue(key);
                }
                return new Rooted(key, (ObjectNode) node);
            }
        }
        return null;
    }

    /** The input object together with the root key the client used, so answers can mirror it. */
    record Rooted(String key, ObjectNode node) {
    }
}
