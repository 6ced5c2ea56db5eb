package io.ticketbridge.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.outbox.OutboxDrainer;
import io.ticketbridge.store.Hub;

/** Integrations (configured connector instances), in the shape of seed 001. */
public final class IntegrationsApi {

    private static final String TAG = "Integrations";

    private final ApiSupport support;
    private final Hub hub;
    private final PlatformCatalog catalog;
    private final ConnectorGateway gateway;
    private final OutboxDrainer drainer;

    public IntegrationsApi(ApiSupport support, PlatformCatalog catalog, ConnectorGateway gateway,
                           OutboxDrainer drainer) {
        this.support = support;
        this.hub = support.hub();
        this.catalog = catalog;
        this.gateway = gateway;
        this.drainer = drainer;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/integrations", Access.AUTHENTICATED, this::create).doc(TAG, "Create an integration")
                .resource("integration").example("{\"platform\":\"webhook\",\"name\":\"Ops hook\",\"base_url\":"
                        + "\"https://hooks.example.com\",\"credentials\":{\"token\":\"...\"},\"config\":{\"path\":\"/in\"}}")
                .returns(View.class);
        r.add("GET", "/api/integrations", Access.AUTHENTICATED, this::list).doc(TAG, "List integrations")
                .query("platform", "space_id")
                .returnsList(View.class);
        r.add("GET", "/api/integrations/{id}", Access.AUTHENTICATED, this::get).doc(TAG, "Get an integration")
                .returns(View.class);
        r.add("PUT", "/api/integrations/{id}", Access.AUTHENTICATED, this::update).doc(TAG, "Update an integration")
                .resource("integration")
                .returns(View.class);
        r.add("DELETE", "/api/integrations/{id}", Access.AUTHENTICATED, this::delete)
                .doc(TAG, "Delete an integration").resource("integration");
        r.add("POST", "/api/integrations/{id}/test", Access.AUTHENTICATED, this::test).doc(TAG, "Test the connection")
                .resource("integration");
        r.add("GET", "/api/integrations/{id}/health", Access.AUTHENTICATED, this::health)
                .doc(TAG, "Health: {healthy, status, responseTime}");
        r.add("GET", "/api/integrations/{id}/stats", Access.AUTHENTICATED, this::stats).doc(TAG, "Statistics");
        r.add("POST", "/api/integrations/{id}/execute", Access.AUTHENTICATED, this::execute)
                .doc(TAG, "Execute a connector action {action, parameters}").resource("integration")
                .example("{\"action\":\"post\",\"parameters\":{\"text\":\"hello\"}}");
        r.add("GET", "/api/platforms", Access.AUTHENTICATED, req -> ApiResponse.ok(Map.of("items",
                catalog.names().stream().map(n -> catalog.find(n).orElseThrow()).map(p -> Map.of(
                        "platform", p.name(), "title", p.title(), "available", p.available(),
                        "actions", p.actions(), "job_kinds", p.jobKinds())).toList())))
                .doc(TAG, "Platforms an integration can be created for");
    }

    /** The public view of an integration: credentials are write-only, only their field names are shown. */
    public record View(String id, @JsonProperty("space_id") String spaceId, String platform, String name,
                       @JsonProperty("base_url") String baseUrl, JsonNode config, boolean enabled,
                       CredentialFields credentials, @JsonProperty("created_at") Instant createdAt,
                       @JsonProperty("updated_at") Instant updatedAt) {
    }

    /** Which credentials are stored, never their values. */
    public record CredentialFields(boolean configured, List<String> fields) {
    }

    public static View view(Integration i) {
        return new View(i.id(), i.spaceId(), i.platform(), i.name(), i.baseUrl(), i.config(), i.enabled(),
                new CredentialFields(!i.credentialFields().isEmpty(), List.copyOf(i.credentialFields())),
                i.createdAt(), i.updatedAt());
    }

    Integration integration(ApiRequest req) {
        return support.integration(req, catalog);
    }

    private ApiResponse create(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("platform", "name", "base_url", "credentials", "config", "enabled",
                "space_id"));
        String platformName = b.oneOf("platform", true, catalog.names());
        String name = b.string("name", true, 200);
        String baseUrl = b.url("base_url", false);
        Map<String, String> creds = b.stringMap("credentials", false, 50);
        ObjectNode config = b.object("config", false);
        Boolean enabled = b.bool("enabled", false);
        String spaceId = b.string("space_id", false, 36);
        PlatformCatalog.Platform platform = catalog.find(platformName).orElse(null);
        if (platform != null) {
            if (platform.baseUrlRequired() && baseUrl == null && !b.has("base_url")) {
                b.error("'base_url' is required for platform " + platformName);
            }
            for (String f : platform.requiredCredentials()) {
                if (creds == null || creds.get(f) == null || creds.get(f).isBlank()) {
                    b.error("'credentials." + f + "' is required for platform " + platformName);
                }
            }
        }
        b.validate();
        String space = support.targetSpace(req.principal(), spaceId);
        // a taken name (409) and a value the store refuses (400) are answered by the dispatcher
        Integration i = hub.jdbi.inTransaction(h -> hub.integrations.create(h, space, platformName, name,
                stripSlash(baseUrl), config, creds == null ? null : withoutNulls(creds), enabled == null || enabled));
        return ApiResponse.created(view(i)).resource(i.id()).header("Location", "/api/integrations/" + i.id());
    }

    private ApiResponse list(ApiRequest req) {
        Query q = req.query().allow("platform", "space_id");
        String platform = q.oneOf("platform", catalog.names());
        String scope = support.listScope(req.principal(), q.string("space_id"));
        List<View> items = hub.jdbi.withHandle(h -> hub.integrations.list(h, scope, platform))
                .stream().map(IntegrationsApi::view).toList();
        return ApiResponse.ok(Map.of("items", items));
    }

    private ApiResponse get(ApiRequest req) {
        return ApiResponse.ok(view(integration(req)));
    }

    private ApiResponse update(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("name", "base_url", "credentials", "config", "enabled"));
        String name = b.string("name", false, 200);
        String baseUrl = b.url("base_url", false);
        Map<String, String> creds = b.stringMap("credentials", false, 50);
        ObjectNode config = b.object("config", false);
        Boolean enabled = b.bool("enabled", false);
        b.validate();
        Integration current = integration(req);
        Integration i = hub.jdbi.inTransaction(h -> hub.integrations.update(h, current, name, stripSlash(baseUrl),
                config, creds, enabled));
        return ApiResponse.ok(view(i));
    }

    private ApiResponse delete(ApiRequest req) {
        Integration i = integration(req);
        hub.jdbi.useTransaction(h -> hub.integrations.delete(h, i.id()));
        return ApiResponse.noContent();
    }

    private ApiResponse test(ApiRequest req) {
        req.jsonObjectOrEmpty();
        return testAnswer(gateway, integration(req));
    }

    /** A connection test's answer (seeds 001 and 002): {success, message, responseTime, instance}. */
    public static ApiResponse testAnswer(ConnectorGateway gateway, Integration i) {
        ConnectorGateway.TestResult r = gateway.test(i);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", r.success());
        out.put("message", r.message());
        out.put("responseTime", r.responseTimeMillis());
        out.put("instance", i.baseUrl());
        return ApiResponse.ok(out).resource(i.id());
    }

    private ApiResponse health(ApiRequest req) {
        Integration i = integration(req);
        ConnectorGateway.TestResult r = gateway.test(i);
        String breaker = drainer.breakerState(i.id());
        String status = !r.success() ? "unhealthy" : "CLOSED".equals(breaker) && i.enabled() ? "healthy" : "degraded";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healthy", "healthy".equals(status));
        out.put("status", status);
        out.put("responseTime", r.responseTimeMillis());
        out.put("circuitBreaker", breaker);
        out.put("enabled", i.enabled());
        out.put("checkedAt", Instant.now());
        if (!r.success()) {
            out.put("error", r.message());
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse stats(ApiRequest req) {
        Integration i = integration(req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("integration_id", i.id());
        out.put("platform", i.platform());
        out.put("jobs", hub.jobs.countsByStatus(i.id(), null));
        out.put("linked_tickets", hub.jdbi.withHandle(h -> hub.links.count(h, i.id())));
        out.put("sync", hub.syncLogs.summary(i.id()));
        out.put("circuitBreaker", drainer.breakerState(i.id()));
        return ApiResponse.ok(out);
    }

    private ApiResponse execute(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("action", "parameters"));
        String action = b.string("action", true, 100);
        JsonNode params = b.has("parameters") ? b.object("parameters", false) : Json.object();
        b.validate();
        Integration i = integration(req);
        PlatformCatalog.Platform platform = catalog.find(i.platform()).orElseThrow();
        if (!platform.available()) {
            throw ApiException.validation(List.of("no connector for platform " + i.platform()
                    + " is installed in this version"));
        }
        if (!platform.actions().contains(action)) {
            throw ApiException.validation(List.of("'action' must be one of " + platform.actions()));
        }
        try {
            JsonNode result = gateway.call(i, action, params == null ? Json.object() : params);
            return ApiResponse.ok(Map.of("success", true, "action", action, "result", result));
        } catch (DeskAuthenticationException e) {
            throw ApiException.badGateway("The " + i.platform() + " credentials were refused: " + e.getMessage());
        } catch (DeskRejectedException e) {
            throw new ApiException(422, "rejected_by_vendor", e.getMessage(), List.of());
        } catch (DeskException e) {
            throw ApiException.badGateway(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(e.getMessage()));
        }
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
