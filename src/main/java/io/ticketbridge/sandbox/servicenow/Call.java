package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.support.QueryParams;
import io.ticketbridge.sandbox.support.RecordedRequest;
import java.io.IOException;

/** One authenticated API call: the request, its decoded query parameters and who it acts as. */
record Call(RecordedRequest request, QueryParams params, Actor actor) {

    static Call of(RecordedRequest request, Actor actor) {
        return new Call(request, request.params(), actor);
    }

    /** The body as a JSON object ({} when empty); 400 when it is not one. */
    JsonNode jsonObject() {
        if (request.bodyLength() == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(request.body());
            if (node instanceof ObjectNode) {
                return node;
            }
        } catch (IOException e) {
            // answered below in ServiceNow's words
        }
        throw SnError.invalidJson();
    }

    /** A non-negative integer parameter, its default when absent; 400 otherwise. */
    int intParam(String name, int fallback, int min) {
        String raw = params.first(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SnError.badRequest("Invalid value for " + name + ": " + raw, name + " must be an integer >= " + min);
    }
}
