package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type, body bytes and any extra headers. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json;charset=UTF-8";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, JSON, Json.bytes(body), Map.of());
    }

    static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    static ApiResponse created(JsonNode body) {
        return json(201, body);
    }

    ApiResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new ApiResponse(status, contentType, body, merged);
    }
}
