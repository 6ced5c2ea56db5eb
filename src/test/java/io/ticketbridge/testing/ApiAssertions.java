package io.ticketbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on what every API caller sees: the status and the one error shape. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /**
     * The answer has this status and exactly the error shape {@code {"error","message","validationErrors","warnings"}}
     * as JSON; returns the body for further checks.
     */
    public static JsonNode assertError(ApiClient.Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("content type of %s", r).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = r.json();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("error body %s", r).containsExactly("error", "message", "validationErrors", "warnings");
        assertThat(body.get("error").isTextual()).isTrue();
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("validationErrors").isArray()).isTrue();
        assertThat(body.get("warnings").isArray()).isTrue();
        return body;
    }

    public static List<String> validationErrors(JsonNode errorBody) {
        List<String> out = new ArrayList<>();
        errorBody.get("validationErrors").forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Asserts the status and returns the JSON body. */
    public static JsonNode ok(ApiClient.Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        return r.json();
    }
}
