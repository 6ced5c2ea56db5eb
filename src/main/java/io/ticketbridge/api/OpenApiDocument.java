package io.ticketbridge.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;

/**
 * Builds the OpenAPI 3.0 description of the whole API from the routing table, so it never drifts: every
 * route's path and query parameters, its security (bearer key, or the webhook schemes), and the responses
 * every operation can give in the one error shape, with the headers the dispatcher sets on each answer.
 */
public final class OpenApiDocument {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String ERROR = "#/components/schemas/Error";
    private static final Map<String, String> TAGS = Map.of(
            "General", "Liveness and this document",
            "Spaces", "Tenants, their API keys and rate limits (admin key)",
            "Tickets", "Hub tickets with their comments, attachments, time logs and resolution",
            "Integrations", "Configured connector instances: test, health, stats, actions",
            "Jobs", "The durable outbox: every outbound call as a job",
            "Audit", "Every mutation and every call to an outside system, secrets masked",
            "Service desk sync", "The shared desk endpoints every service desk integration answers",
            "ServiceNow", "Seed 002: the ServiceNow configuration and operations");

    /** The error answers and when an operation can give them. */
    private record ErrorResponse(String status, String name, String description) {
    }

    private static final List<ErrorResponse> ERRORS = List.of(
            new ErrorResponse("400", "BadRequest",
                    "Invalid input (validationErrors names each problem); nothing changed"),
            new ErrorResponse("401", "Unauthorized", "Missing or invalid credentials"),
            new ErrorResponse("403", "Forbidden", "The key may not do this (another space's data, an admin operation)"),
            new ErrorResponse("404", "NotFound", "No such resource in the caller's space"),
            new ErrorResponse("409", "Conflict",
                    "A name already taken, a state that does not allow this, a concurrent change"),
            new ErrorResponse("413", "PayloadTooLarge", "The body exceeds the configured limit"),
            new ErrorResponse("415", "UnsupportedMediaType", "The body's Content-Type is not accepted"),
            new ErrorResponse("429", "TooManyRequests", "The space's (or the admin key's) rate limit is exceeded"));

    private OpenApiDocument() {
    }

    public static ObjectNode build(ApiRoutes routes, String version) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "TicketBridge management API");
        info.put("version", version);
        info.put("description", "Hub tickets, integrations, jobs (outbox), audit and connector operations."
                + " Authenticate with 'Authorization: Bearer <api key>'. Every error has the shape"
                + " {error, message, validationErrors, warnings}.");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        doc.putArray("servers").addObject().put("url", "/").put("description",
                "This TicketBridge's API port (8080 by default)");
        ObjectNode components = doc.putObject("components");
        components(components);
        ObjectNode schemas = (ObjectNode) components.get("schemas");
        ObjectNode paths = doc.putObject("paths");
        Set<String> tags = new LinkedHashSet<>();
        Set<String> operationIds = new LinkedHashSet<>();
        for (ApiRoutes.Route r : routes.all()) {
            ObjectNode path = paths.has(r.template()) ? (ObjectNode) paths.get(r.template())
                    : paths.putObject(r.template());
            tags.add(r.tag);
            String id = operationId(r);
            if (!operationIds.add(id)) {
                throw new IllegalStateException("Two API operations map to the operationId " + id);
            }
            operation(path.putObject(r.method().toLowerCase()), r, id, schemas);
        }
        ArrayNode tagList = doc.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t).put("description", TAGS.getOrDefault(t, t)));
        return doc;
    }

    private static void operation(ObjectNode op, ApiRoutes.Route r, String id, ObjectNode schemas) {
        op.put("summary", r.summary.isBlank() ? r.method() + " " + r.template() : r.summary);
        op.put("description", r.summary.isBlank() ? r.method() + " " + r.template() : r.summary);
        op.putArray("tags").add(r.tag);
        op.put("operationId", id);
        ArrayNode security = op.putArray("security");
        switch (r.access()) {
            case AUTHENTICATED, ADMIN -> security.addObject().putArray("bearer");
            case WEBHOOK -> {
                security.addObject().putArray("webhookSecret");
                security.addObject().putArray("webhookSignature");
            }
            case PUBLIC -> {
                // no credentials
            }
        }
        ArrayNode params = op.putArray("parameters");
        Matcher m = PARAM.matcher(r.template());
        boolean pathParams = false;
        while (m.find()) {
            pathParams = true;
            ObjectNode p = params.addObject();
            p.put("name", m.group(1)).put("in", "path").put("required", true)
                    .put("description", "The " + m.group(1) + " (an id, or where the path allows it a platform alias)");
            p.putObject("schema").put("type", "string").put("minLength", 1).put("maxLength", 200);
        }
        for (String q : r.queryParams) {
            ObjectNode p = params.addObject();
            p.put("name", q).put("in", "query").put("required", false).put("description", "Filter or paging: " + q);
            ObjectNode schema = p.putObject("schema");
            if (List.of("page", "page_size", "limit").contains(q)) {
                schema.put("type", "integer").put("minimum", 1);
            } else {
                schema.put("type", "string");
            }
        }
        if (params.isEmpty()) {
            op.remove("parameters");
        }
        boolean body = List.of("POST", "PUT", "PATCH").contains(r.method());
        if (body) {
            ObjectNode content = op.putObject("requestBody").put("required", r.requestExample != null)
                    .putObject("content");
            for (String type : r.requestContentTypes) {
                ObjectNode media = content.putObject(type);
                ObjectNode schema = media.putObject("schema");
                if (type.equals("application/json")) {
                    schema.put("type", "object");
                    if (r.requestExample != null) {
                        media.set("example", Json.read(r.requestExample));
                    }
                } else if (type.startsWith("multipart/")) {
                    schema.put("$ref", "#/components/schemas/FileUpload");
                } else {
                    schema.put("type", "string").put("format", "binary");
                }
            }
        }
        ObjectNode responses = op.putObject("responses");
        if ("DELETE".equals(r.method())) {
            responses.putObject("204").put("description", "Done; no body")
                    .set("headers", answerHeaders(r.access() == ApiRoutes.Access.AUTHENTICATED));
        }
        ObjectNode ok = responses.putObject("2XX").put("description", "Success");
        ok.set("headers", answerHeaders(r.access() == ApiRoutes.Access.AUTHENTICATED));
        ObjectNode okSchema = ok.putObject("content").putObject(r.responseContentType).putObject("schema");
        if ("*/*".equals(r.responseContentType)) {
            okSchema.put("type", "string").put("format", "binary");
        } else if (r.returns != null) {
            RecordSchemas.register(schemas, r.returns);
            String ref = "#/components/schemas/" + RecordSchemas.name(r.returns);
            if (r.page || r.list) {
                // named in components, so a generated client gets one type per page or list of a record
                String name = RecordSchemas.name(r.returns) + (r.page ? "Page" : "List");
                if (!schemas.has(name)) {
                    ObjectNode wrapper = schemas.putObject(name).put("type", "object");
                    ArrayNode required = wrapper.putArray("required").add("items");
                    ObjectNode props = wrapper.putObject("properties");
                    props.putObject("items").put("type", "array").putObject("items").put("$ref", ref);
                    if (r.page) {
                        required.add("page").add("page_size").add("total").add("has_more");
                        props.putObject("page").put("type", "integer").put("minimum", 1);
                        props.putObject("page_size").put("type", "integer").put("minimum", 1);
                        props.putObject("total").put("type", "integer").put("minimum", 0);
                        props.putObject("has_more").put("type", "boolean");
                    }
                }
                okSchema.put("$ref", "#/components/schemas/" + name);
            } else {
                okSchema.put("$ref", ref);
            }
        } else {
            okSchema.put("type", "object");
        }
        boolean authenticated = r.access() == ApiRoutes.Access.AUTHENTICATED || r.access() == ApiRoutes.Access.ADMIN;
        for (ErrorResponse e : ERRORS) {
            boolean applies = switch (e.status()) {
                case "400" -> true; // any request can be malformed (an undecodable path, a bad query)
                case "401" -> r.access() != ApiRoutes.Access.PUBLIC;
                case "403" -> authenticated;
                case "404" -> pathParams;
                case "409" -> body || "DELETE".equals(r.method());
                case "413", "415" -> body;
                case "429" -> r.access() == ApiRoutes.Access.AUTHENTICATED;
                default -> false;
            };
            if (applies) {
                responses.putObject(e.status()).put("$ref", "#/components/responses/" + e.name());
            }
        }
        responses.putObject("default").put("$ref", "#/components/responses/Error");
    }

    private static ObjectNode answerHeaders(boolean rateLimited) {
        ObjectNode headers = Json.object();
        headers.putObject("X-Correlation-Id").put("$ref", "#/components/headers/X-Correlation-Id");
        if (rateLimited) {
            for (String h : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")) {
                headers.putObject(h).put("$ref", "#/components/headers/" + h);
            }
        }
        return headers;
    }

    private static void components(ObjectNode components) {
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "API key")
                .put("description", "The admin key or a space's API key");
        schemes.putObject("webhookSecret").put("type", "apiKey").put("in", "header").put("name", "X-Webhook-Secret")
                .put("description", "The integration's webhook secret (16+ characters), for platforms that do not"
                        + " sign their webhooks");
        schemes.putObject("webhookSignature").put("type", "apiKey").put("in", "header")
                .put("name", "X-TicketBridge-Signature").put("description", "base64(HMAC-SHA256(webhook secret,"
                        + " X-TicketBridge-Timestamp + body)), within 5 minutes (ServiceNow business rules)");

        ObjectNode error = components.putObject("schemas").putObject("Error");
        error.put("type", "object").put("additionalProperties", false);
        error.putArray("required").add("error").add("message").add("validationErrors").add("warnings");
        ObjectNode props = error.putObject("properties");
        props.putObject("error").put("type", "string").put("description", "A stable code, e.g. validation_failed");
        props.putObject("message").put("type", "string");
        props.putObject("validationErrors").put("type", "array").putObject("items").put("type", "string");
        props.putObject("warnings").put("type", "array").putObject("items").put("type", "string");
        error.putObject("example").put("error", "validation_failed")
                .put("message", "The request has 1 invalid field(s)")
                .set("validationErrors", Json.MAPPER.createArrayNode().add("'subject' is required"));
        ((ObjectNode) error.get("example")).putArray("warnings");

        ObjectNode upload = ((ObjectNode) components.get("schemas")).putObject("FileUpload");
        upload.put("type", "object").put("description", "A multipart upload: the file, and for a desk upload its"
                + " hub ticket");
        upload.putArray("required").add("file");
        upload.putObject("properties").putObject("file").put("type", "string").put("format", "binary");
        ((ObjectNode) upload.get("properties")).putObject("ticket_id").put("type", "string");

        ObjectNode headers = components.putObject("headers");
        header(headers, "X-Correlation-Id", "string", "Echoes a well-formed X-Correlation-Id, or a new one");
        header(headers, "X-RateLimit-Limit", "integer", "Requests allowed per minute");
        header(headers, "X-RateLimit-Remaining", "integer", "Requests left in the current minute");
        header(headers, "X-RateLimit-Reset", "integer", "Unix time the current window ends");
        header(headers, "Retry-After", "integer", "Seconds to wait before calling again");

        ObjectNode responses = components.putObject("responses");
        for (ErrorResponse e : ERRORS) {
            errorResponse(responses, e.name(), e.description(), "429".equals(e.status()));
        }
        errorResponse(responses, "Error", "Any other error, in the same shape", false);
    }

    private static void header(ObjectNode headers, String name, String type, String description) {
        headers.putObject(name).put("description", description).putObject("schema").put("type", type);
    }

    private static void errorResponse(ObjectNode responses, String name, String description, boolean retry) {
        ObjectNode r = responses.putObject(name).put("description", description);
        ObjectNode headers = r.putObject("headers");
        headers.putObject("X-Correlation-Id").put("$ref", "#/components/headers/X-Correlation-Id");
        if (retry) {
            headers.putObject("Retry-After").put("$ref", "#/components/headers/Retry-After");
        }
        r.putObject("content").putObject("application/json").putObject("schema").put("$ref", ERROR);
    }

    private static String operationId(ApiRoutes.Route r) {
        String cleaned = r.template().replace("/api/", "").replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        return r.method().toLowerCase() + "_" + cleaned;
    }
}
