package io.ticketbridge.api;

import java.util.Map;

import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.model.Json;

/** The API's own description and a trivial authenticated endpoint (the benchmark baseline). */
public final class SystemApi {

    private final String version;

    public SystemApi(String version) {
        this.version = version;
    }

    public void register(ApiRoutes r) {
        r.add("GET", "/api/openapi.json", Access.PUBLIC, req -> {
            byte[] doc = Json.writeBytes(OpenApiDocument.build(r, version));
            return ApiResponse.bytes(doc, "application/json; charset=utf-8");
        }).doc("System", "This OpenAPI document");
        r.add("GET", "/api/ping", Access.AUTHENTICATED, req -> ApiResponse.ok(Map.of("pong", true)))
                .doc("System", "Authenticated no-op (checks a key; used as the benchmark baseline)");
        r.add("GET", "/", Access.PUBLIC, req -> ApiResponse.ok(Map.of("name", "TicketBridge", "version", version,
                "api", "/api/openapi.json"))).doc("System", "Service banner");
    }
}
