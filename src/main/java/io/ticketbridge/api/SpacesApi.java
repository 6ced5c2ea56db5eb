package io.ticketbridge.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.model.Space;
import io.ticketbridge.security.ApiKeys;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.Sql;

/** Spaces (tenants) and their API keys; admin only, except a space reading itself. */
public final class SpacesApi {

    private static final String TAG = "Spaces";

    private final Hub hub;
    private final Authenticator authenticator;
    private final RateLimiter limiter;

    public SpacesApi(Hub hub, Authenticator authenticator, RateLimiter limiter) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/spaces", Access.ADMIN, this::create).doc(TAG, "Create a space and its first API key")
                .resource("space").example("{\"name\":\"acme\"}");
        r.add("GET", "/api/spaces", Access.ADMIN, req -> ApiResponse.ok(Map.of("items",
                hub.jdbi.withHandle(hub.spaces::list)))).doc(TAG, "List spaces");
        r.add("GET", "/api/spaces/{id}", Access.AUTHENTICATED, this::get).doc(TAG, "Get a space");
        r.add("PUT", "/api/spaces/{id}/rate-limits", Access.ADMIN, this::limits).doc(TAG, "Set the API rate limits")
                .resource("space").example("{\"per_minute\":60,\"per_hour\":1000,\"per_day\":10000,\"block_seconds\":300}");
        r.add("POST", "/api/spaces/{id}/keys", Access.ADMIN, this::addKey).doc(TAG, "Create an API key (shown once)")
                .resource("space");
        r.add("GET", "/api/spaces/{id}/keys", Access.ADMIN, req -> ApiResponse.ok(Map.of("items",
                hub.jdbi.withHandle(h -> hub.spaces.keys(h, space(req).id()))))).doc(TAG, "List API keys (no secrets)");
        r.add("DELETE", "/api/spaces/{id}/keys/{keyId}", Access.ADMIN, this::revoke).doc(TAG, "Revoke an API key")
                .resource("space");
    }

    private Space space(ApiRequest req) {
        String id = req.pathParam("id");
        return hub.jdbi.withHandle(h -> hub.spaces.get(h, id)).orElseThrow(() -> ApiException.notFound("Space " + id));
    }

    private ApiResponse create(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("name"));
        String name = b.string("name", true, 200);
        b.validate();
        try {
            Map<String, Object> out = hub.jdbi.inTransaction(h -> {
                Space s = hub.spaces.create(h, name);
                ApiKeys.NewKey key = hub.spaces.addKey(h, s.id(), "initial");
                Map<String, Object> m = new LinkedHashMap<>(io.ticketbridge.model.Json.toMap(
                        io.ticketbridge.model.Json.toNode(s)));
                m.put("api_key", key.plaintext());
                m.put("api_key_id", key.keyId());
                return m;
            });
            return ApiResponse.created(out).resource((String) out.get("id"));
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ApiException.conflict("A space named '" + name + "' already exists");
            }
            throw e;
        }
    }

    private ApiResponse get(ApiRequest req) {
        Space s = space(req);
        if (!req.principal().admin() && !s.id().equals(req.principal().spaceId())) {
            throw ApiException.notFound("Space " + s.id());
        }
        return ApiResponse.ok(s);
    }

    private ApiResponse limits(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("per_minute", "per_hour", "per_day", "block_seconds"));
        Integer m = b.integer("per_minute", false, 1, 1_000_000);
        Integer h = b.integer("per_hour", false, 1, 100_000_000);
        Integer d = b.integer("per_day", false, 1, 1_000_000_000);
        Integer block = b.integer("block_seconds", false, 0, 86_400);
        b.validate();
        Space s = space(req);
        Space updated = hub.jdbi.inTransaction(tx -> hub.spaces.updateLimits(tx, s.id(), m, h, d, block));
        limiter.reset(s.id());
        return ApiResponse.ok(updated);
    }

    private ApiResponse addKey(ApiRequest req) {
        Body b = Body.of(req.jsonObjectOrEmpty(), Set.of("label"));
        String label = b.string("label", false, 200);
        b.validate();
        Space s = space(req);
        ApiKeys.NewKey key = hub.jdbi.inTransaction(h -> hub.spaces.addKey(h, s.id(), label));
        return ApiResponse.created(Map.of("api_key", key.plaintext(), "api_key_id", key.keyId(), "space_id", s.id()))
                .resource(s.id());
    }

    private ApiResponse revoke(ApiRequest req) {
        Space s = space(req);
        String keyId = req.pathParam("keyId");
        if (!hub.jdbi.inTransaction(h -> hub.spaces.revokeKey(h, s.id(), keyId))) {
            throw ApiException.notFound("Active API key " + keyId);
        }
        authenticator.invalidateAll();
        return ApiResponse.noContent();
    }
}
