package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bridge's error bodies, verbatim from the client guide's "Common Error Responses" where the guide
 * has them; the rest are simulator wording in the same {@code {"Response": ...}} style.
 *
 * <p>HTTP status codes are not documented by Ensono. The simulator answers:
 * <ul>
 *   <li>403 for the two API Gateway bodies ({@code {"message":...}}), as API Gateway does, with the
 *       {@code x-amzn-ErrorType} header API Gateway adds;</li>
 *   <li>400 for every {@code {"Response": ...}} error - the Lambda behind the gateway rejected the
 *       request. Clients should classify by body, not only by status;</li>
 *   <li>400 for SQS-style {@code {"Error":...}} bodies, as SQS does;</li>
 *   <li>502 {@code {"message":"Internal server error"}} when the body is not JSON or has no
 *       {@code payload} object - what API Gateway returns when a proxied Lambda throws.</li>
 * </ul>
 */
final class BridgeErrors {

    static final int LAMBDA_ERROR_STATUS = 400;

    private BridgeErrors() {
    }

    /** Thrown by handlers to short-circuit with an error response. */
    static final class Rejection extends RuntimeException {
        private final transient SimResponse response;

        Rejection(SimResponse response) {
            super(null, null, false, false);
            this.response = response;
        }

        SimResponse response() {
            return response;
        }
    }

    static SimResponse missingAuthenticationToken() {
        return gateway("Missing Authentication Token", "MissingAuthenticationTokenException");
    }

    static SimResponse forbidden() {
        return gateway("Forbidden", "ForbiddenException");
    }

    static SimResponse internalServerError() {
        ObjectNode body = Json.object().put("message", "Internal server error");
        return SimResponse.json(502, body).withHeader("x-amzn-ErrorType", "InternalServerErrorException");
    }

    static Rejection badPath() {
        return response("Bad Path");
    }

    static Rejection notAuthorizedForTicket() {
        return response("APIKey not authorized for ticket company");
    }

    /** Trailing space kept: the bridge appears to concatenate nothing after it. */
    static Rejection clientNameMapping() {
        return response("Unable to find mapping for ClientName ");
    }

    /** ServiceNow's wording, typo included; the guide shows it for creates, the simulator reuses it on updates. */
    static Rejection invalidGroup() {
        ObjectNode body = Json.object();
        body.putArray("Response")
                .add("assigment_group sys_id or name not found.")
                .add("This ticket cannot be created.");
        return new Rejection(SimResponse.json(LAMBDA_ERROR_STATUS, body));
    }

    /** {@code {"Response":"<message>"}} with the Lambda error status. */
    static Rejection response(String message) {
        return new Rejection(SimResponse.json(LAMBDA_ERROR_STATUS, Json.object().put("Response", message)));
    }

    /** SQS query-protocol error as the bridge relays it from the queue API. */
    static SimResponse sqsError(String code, String message, String requestId) {
        ObjectNode body = Json.object();
        body.putObject("Error").put("Code", code).put("Message", message).put("Type", "Sender");
        body.put("RequestId", requestId);
        return SimResponse.json(400, body);
    }

    private static SimResponse gateway(String message, String errorType) {
        return SimResponse.json(403, Json.object().put("message", message)).withHeader("x-amzn-ErrorType", errorType);
    }
}
