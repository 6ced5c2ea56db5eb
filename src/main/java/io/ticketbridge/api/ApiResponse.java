package io.ticketbridge.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A handler's answer: a JSON body (any Jackson-serialisable value) or raw bytes. */
public final class ApiResponse {

    private final int status;
    private final Object body;
    private final byte[] raw;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String resourceId;

    private ApiResponse(int status, Object body, byte[] raw, String contentType) {
        this.status = status;
        this.body = body;
        this.raw = raw;
        this.contentType = contentType;
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, null, null);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, null, null);
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body, null, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null);
    }

    public static ApiResponse status(int status, Object body) {
        return new ApiResponse(status, body, null, null);
    }

    public static ApiResponse bytes(byte[] content, String contentType) {
        return new ApiResponse(200, null, content, contentType);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The id of the resource this response created or touched, for the audit log. */
    public ApiResponse resource(String id) {
        this.resourceId = id;
        return this;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public byte[] raw() {
        return raw;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String resourceId() {
        return resourceId;
    }
}
