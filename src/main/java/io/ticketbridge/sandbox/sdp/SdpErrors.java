package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * SDP v3 error bodies and the HTTP status each per-message code travels with.
 *
 * <p>Shape: {@code {"response_status":{"status_code":4000,"status":"failed","messages":[{"status_code":4001,
 * "type":"failed","field":"priority","message":"..."}]}}}. The code table follows the vendor's "common error
 * codes" page as summarised in {@code external-apis.md} 1.7; codes beyond 4004 (4007, 4012, 4014, 4015, 4016,
 * 4022) come from third-party copies of that page and are unverified against a live tenant.
 *
 * <p>Public so connector tests can script realistic failures with
 * {@link SdpSimulator#failNext(int, int, java.util.Map, String)}.
 */
public final class SdpErrors {

    /** Aggregate code every failed response carries at the top. */
    public static final int FAILED = 4000;
    public static final int INVALID_VALUE = 4001;
    public static final int FORBIDDEN = 4002;
    public static final int CLOSURE_RULE_VIOLATION = 4003;
    public static final int INTERNAL_ERROR = 4004;
    public static final int NOT_FOUND = 4007;
    public static final int MANDATORY_MISSING = 4012;
    public static final int READ_ONLY_FIELD = 4014;
    public static final int RATE_LIMITED = 4015;
    public static final int TIME_MISMATCH = 4016;
    public static final int INVALID_API_KEY = 4022;

    private SdpErrors() {
    }

    /** HTTP status SDP pairs with a per-message code. */
    public static int httpStatus(int messageCode) {
        switch (messageCode) {
            case FORBIDDEN:
                return 403;
            case INTERNAL_ERROR:
                return 500;
            case NOT_FOUND:
                return 404;
            case RATE_LIMITED:
                return 429;
            case INVALID_API_KEY:
                return 401;
            default:
                return 400;
        }
    }

    /** A one-message error body; {@code field} and {@code message} are left out when null. */
    public static String body(int messageCode, String field, String message) {
        return new String(Json.bytes(node(message(messageCode, field, message))), StandardCharsets.UTF_8);
    }

    static ObjectNode message(int messageCode, String field, String message) {
        ObjectNode node = Json.object();
        node.put("status_code", messageCode);
        node.put("type", "failed");
        if (field != null) {
            node.put("field", field);
        }
        if (message != null) {
            node.put("message", message);
        }
        return node;
    }

    static ObjectNode node(ObjectNode... messages) {
        ArrayNode list = Json.array();
        for (ObjectNode message : messages) {
            list.add(message);
        }
        ObjectNode status = Json.object();
        status.put("status_code", FAILED);
        status.put("status", "failed");
        status.set("messages", list);
        ObjectNode body = Json.object();
        body.set("response_status", status);
        return body;
    }
}
