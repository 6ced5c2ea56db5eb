package io.ticketbridge.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;

/** Builds the OpenAPI 3.0 description of the whole API from the routing table, so it never drifts. */
public final class OpenApiDocument {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

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
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode error = components.putObject("schemas").putObject("Error");
        error.put("type", "object");
        ObjectNode props = error.putObject("properties");
        props.putObject("error").put("type", "string");
        props.putObject("message").put("type", "string");
        props.putObject("validationErrors").put("type", "array").putObject("items").put("type", "string");
        props.putObject("warnings").put("type", "array").putObject("items").put("type", "string");
        ObjectNode paths = doc.putObject("paths");
        Map<String, ObjectNode> byPath = new LinkedHashMap<>();
        for (ApiRoutes.Route r : routes.all()) {
            ObjectNode path = byPath.computeIfAbsent(r.template(), p -> paths.putObject(p));
            ObjectNode op = path.putObject(r.method().toLowerCase());
            op.put("summary", r.summary);
            op.putArray("tags").add(r.tag);
            op.put("operationId", operationId(r));
            if (r.access() == ApiRoutes.Access.AUTHENTICATED || r.access() == ApiRoutes.Access.ADMIN) {
                op.putArray("security").addObject().putArray("bearer");
            }
            ArrayNode params = op.putArray("parameters");
            Matcher m = PARAM.matcher(r.template());
            while (m.find()) {
                ObjectNode p = params.addObject();
                p.put("name", m.group(1)).put("in", "path").put("required", true);
                p.putObject("schema").put("type", "string");
            }
            for (String q : r.queryParams) {
                ObjectNode p = params.addObject();
                p.put("name", q).put("in", "query").put("required", false);
                p.putObject("schema").put("type", List.of("page", "page_size").contains(q) ? "integer" : "string");
            }
            if (List.of("POST", "PUT", "PATCH").contains(r.method())) {
                ObjectNode content = op.putObject("requestBody").putObject("content");
                ObjectNode media = content.putObject(r.requestContentType);
                media.putObject("schema").put("type", r.requestContentType.equals("application/json") ? "object" : "string");
                if (r.requestExample != null) {
                    media.set("example", Json.read(r.requestExample));
                }
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("2XX").put("description", "Success");
            responses.putObject("default").put("description", "Error")
                    .putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/Error");
        }
        return doc;
    }

    private static String operationId(ApiRoutes.Route r) {
        String cleaned = r.template().replace("/api/", "").replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        return r.method().toLowerCase() + "_" + cleaned;
    }
}
