package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.support.SimResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal in ServiceNow's error envelope {@code {"error":{"message","detail"},"status":"failure"}}. Texts marked
 * as observed come from client fixtures and issue threads (connectors.md 6.5, external-apis.md 2.5); the others are
 * the simulator's own wording where the vendor's is unknown, kept in the same shape.
 */
final class SnError extends RuntimeException {

    /** sys_id the business-rule refusal names, as ServiceNow appends the rule's sys_id to its name. */
    static final String STATE_RULE_SYS_ID = "5a9a8e5fc3d02200b0449f2974d3ae6a";

    private final int status;
    private final String detail;
    private final Map<String, String> headers;

    SnError(int status, String message, String detail, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    SnError(int status, String message, String detail) {
        this(status, message, detail, Map.of());
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }

    static String body(String message, String detail) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("detail", detail);
        root.put("status", "failure");
        return Json.write(root);
    }

    SimResponse toResponse() {
        return SimResponse.json(status, body(getMessage(), detail)).withHeaders(headers);
    }

    /** Observed text; also for expired or unknown bearer tokens and wrong passwords. */
    static SnError notAuthenticated() {
        return new SnError(401, "User Not Authenticated", "Required to provide Auth information",
                Map.of("WWW-Authenticate", "BASIC realm=\"Service-now\""));
    }

    /** Observed text. */
    static SnError noRecord() {
        return new SnError(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
    }

    /** Observed text. */
    static SnError invalidTable(String table) {
        return new SnError(400, "Invalid table " + table, null);
    }

    /** Observed text. */
    static SnError noResource() {
        return new SnError(400, "Requested URI does not represent any resource", null);
    }

    static SnError invalidJson() {
        return new SnError(400, "Exception while reading request", "The payload is not valid JSON.");
    }

    static SnError badRequest(String message, String detail) {
        return new SnError(400, message, detail);
    }

    static SnError methodNotSupported(String method) {
        return new SnError(405, "Method not Supported", method + " method not supported for API");
    }

    static SnError notAcceptable() {
        return new SnError(406, "Not Acceptable", "The simulator answers application/json only");
    }

    static SnError unsupportedMediaType(String contentType) {
        return new SnError(415, "Unsupported Media Type", "Content-Type " + contentType + " is not supported");
    }

    /** Observed text ({@code op} = Insert, Update or Delete). */
    static SnError acl(String op) {
        return new SnError(403, "Operation Failed", "ACL Exception " + op + " Failed due to security constraints");
    }

    /** Observed wording "Data Policy Exception: The following fields are mandatory: ..." [exact layout UNVERIFIED]. */
    static SnError mandatory(List<String> labels) {
        return dataPolicy("The following fields are mandatory: " + String.join(", ", labels));
    }

    /** Same data-policy shape for fields a policy makes read-only. */
    static SnError readOnly(List<String> labels) {
        return dataPolicy("The following fields are read only: " + String.join(", ", labels));
    }

    /** Simulator's own text: ServiceNow stores an unknown choice silently; the simulator refuses it instead. */
    static SnError invalidChoice(String label, String value) {
        return dataPolicy("Invalid value '" + value + "' for " + label);
    }

    private static SnError dataPolicy(String what) {
        return new SnError(403, "Operation Failed", "Data Policy Exception: \n\t" + what + "\n");
    }

    /** Observed shape of a business-rule abort (connectors.md 6.4). */
    static SnError businessRule(String table, String rule) {
        return new SnError(403, "Operation Failed", "Operation against file '" + table
                + "' was aborted by Business Rule '" + rule + "^" + STATE_RULE_SYS_ID + "'. Business Rule Stack:"
                + rule);
    }

    /** The documented rate-limit body (external-apis.md 2.6); headers depend on the simulator's setting. */
    static SnError rateLimited(String detail, Map<String, String> headers) {
        return new SnError(429, "Rate limit exceeded", detail, new LinkedHashMap<>(headers));
    }
}
