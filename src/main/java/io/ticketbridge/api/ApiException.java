package io.ticketbridge.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API outcome other than success, answered in the one error shape
 * {@code {"error","message","validationErrors","warnings"}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final List<String> validationErrors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String error, String message, List<String> validationErrors) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, List.of());
    }

    public static ApiException validation(List<String> errors) {
        return new ApiException(400, "validation_failed", "The request has " + errors.size() + " invalid field(s)",
                errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", List.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, List.of())
                .withHeader("WWW-Authenticate", "Bearer realm=\"ticketbridge\"");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, List.of());
    }

    public static ApiException methodNotAllowed(String method, String path, List<String> allowed) {
        return new ApiException(405, "method_not_allowed", method + " is not allowed on " + path, List.of())
                .withHeader("Allow", String.join(", ", allowed));
    }

    public static ApiException unsupportedMediaType(String got, String expected) {
        return new ApiException(415, "unsupported_media_type",
                "Content-Type " + (got == null ? "(none)" : "'" + got + "'") + " is not accepted; send " + expected,
                List.of());
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "The request body exceeds the limit of " + limit + " bytes",
                List.of());
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, List.of());
    }

    public static ApiException badGateway(String message) {
        return new ApiException(502, "bad_gateway", message, List.of());
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<String> validationErrors() {
        return validationErrors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage(), validationErrors, List.of());
    }
}
