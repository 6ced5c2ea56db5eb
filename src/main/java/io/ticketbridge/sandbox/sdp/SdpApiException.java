package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A failure the simulator answers in SDP's error shape; thrown anywhere below the HTTP handler. */
final class SdpApiException extends RuntimeException {

    private final int httpStatus;
    private final transient ObjectNode message;
    private final Map<String, String> headers;

    SdpApiException(int httpStatus, ObjectNode message, Map<String, String> headers) {
        super(message.path("message").asText(message.path("status_code").asText()));
        this.httpStatus = httpStatus;
        this.message = message;
        this.headers = Map.copyOf(headers);
    }

    private static SdpApiException of(int code, String field, String text) {
        return new SdpApiException(SdpErrors.httpStatus(code), SdpErrors.message(code, field, text), Map.of());
    }

    static SdpApiException invalidValue(String field) {
        return of(SdpErrors.INVALID_VALUE, field, "Value given for " + field + " is not valid");
    }

    static SdpApiException mandatoryMissing(String field) {
        SdpApiException e = of(SdpErrors.MANDATORY_MISSING, field, "Value for mandatory field " + field + " is not provided");
        e.message.putArray("fields").add(field);
        return e;
    }

    static SdpApiException readOnly(String field) {
        return of(SdpErrors.READ_ONLY_FIELD, field, "Cannot give value for " + field);
    }

    static SdpApiException timeMismatch(String field) {
        return of(SdpErrors.TIME_MISMATCH, field, "Time mismatch: " + field + " is before the start time");
    }

    static SdpApiException badInput(String text) {
        return of(SdpErrors.FAILED, null, text);
    }

    static SdpApiException notFound(String text) {
        return of(SdpErrors.NOT_FOUND, null, text);
    }

    static SdpApiException closureRule(List<String> fields) {
        SdpApiException e = of(SdpErrors.CLOSURE_RULE_VIOLATION, null,
                "Closure rule violation. The following fields should be filled : " + String.join(", ", fields));
        fields.forEach(e.message.putArray("fields")::add);
        return e;
    }

    static SdpApiException unauthorized() {
        return of(SdpErrors.INVALID_API_KEY, null, "Invalid API Key");
    }

    static SdpApiException rateLimited(long retryAfterSeconds) {
        return new SdpApiException(429, SdpErrors.message(SdpErrors.RATE_LIMITED, null, "API Rate Limit reached"),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** SDP sends 4004 without message text. */
    static SdpApiException internal() {
        return of(SdpErrors.INTERNAL_ERROR, null, null);
    }

    static SdpApiException methodNotAllowed(String method, String allowed) {
        return new SdpApiException(405,
                SdpErrors.message(SdpErrors.FAILED, null, "Method " + method + " is not allowed for this URL"),
                Map.of("Allow", allowed));
    }

    int httpStatus() {
        return httpStatus;
    }

    ObjectNode body() {
        return SdpErrors.node(message.deepCopy());
    }

    ApiResponse toResponse() {
        return ApiResponse.json(httpStatus, body()).withHeaders(headers);
    }
}
