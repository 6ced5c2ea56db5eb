package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator handler wants sent back; kept apart from HttpExchange so handlers stay testable. */
record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static SimResponse json(int status, JsonNode node) {
        return new SimResponse(status, "application/json", Json.write(node).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static SimResponse xml(int status, String xml) {
        return new SimResponse(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static SimResponse raw(int status, String contentType, byte[] body) {
        return new SimResponse(status, contentType, body, Map.of());
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, contentType, body, copy);
    }
}
