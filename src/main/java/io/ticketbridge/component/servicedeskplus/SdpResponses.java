package io.ticketbridge.component.servicedeskplus;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.model.Json;

/**
 * Reads SDP v3 answers. response_status is an object on single-item endpoints and an array on
 * lists; a status_code of 4000 or more is a failure even on HTTP 200 (as the vendor's own client
 * treats it).
 */
final class SdpResponses {

    private SdpResponses() {
    }

    static JsonNode body(DeskHttpClient.Response r) {
        if (r.body().length == 0) {
            return Json.object();
        }
        try {
            return Json.read(r.text());
        } catch (RuntimeException e) {
            throw new DeskRejectedException("ServiceDesk Plus answered " + r.status() + " with a non-JSON body", r.status(),
                    r.text());
        }
    }

    /** Throws {@link SdpRejectedException} when the body reports a failure. */
    static JsonNode checked(DeskHttpClient.Response r) {
        JsonNode body = body(r);
        JsonNode status = body.get("response_status");
        JsonNode first = status != null && status.isArray() ? status.get(0) : status;
        if (first != null && first.path("status_code").asInt(2000) >= 4000) {
            throw rejection(r.status(), first, r.text());
        }
        return body;
    }

    static SdpRejectedException rejection(int httpStatus, JsonNode status, String raw) {
        JsonNode msg = status.path("messages").isArray() && !status.path("messages").isEmpty()
                ? status.path("messages").get(0) : status;
        int code = msg.path("status_code").asInt(status.path("status_code").asInt(4000));
        String field = msg.hasNonNull("field") ? msg.get("field").asText() : null;
        String text = msg.hasNonNull("message") ? msg.get("message").asText() : "request failed";
        return new SdpRejectedException("ServiceDesk Plus rejected the request (" + code + (field == null ? ""
                : ", field " + field) + "): " + text, httpStatus, code, field, raw);
    }
}
