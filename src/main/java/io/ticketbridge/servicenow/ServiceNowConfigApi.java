package io.ticketbridge.servicenow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.ApiRequest;
import io.ticketbridge.api.ApiResponse;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.api.Body;
import io.ticketbridge.api.IntegrationsApi;
import io.ticketbridge.api.desk.DeskConfigApi;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.FlatConfig;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.store.Hub;

/**
 * Seed 002's configuration endpoints, scoped to the caller's space: the ServiceNow integration's
 * instance_url, username and password (write-only; or OAuth client credentials), and its connection test.
 * The same integration serves seed 002's operations ({@link ServiceNowApi}) and the generic desk endpoints.
 */
final class ServiceNowConfigApi {

    private static final String TAG = "ServiceNow";
    private static final String NAME = "ServiceNow";
    private static final Set<String> CONFIG_KEYS = Set.of("instance_url", "url", "username", "password", "client_id",
            "client_secret", "webhook_secret", "name", "enabled", "space_id", "table", "max_requests_per_second",
            "timeout_ms", "allow_direct_close", "close_code_default", "auto_sync", "import_unlinked",
            "pull_page_size");

    private final ApiSupport support;
    private final Hub hub;
    private final ConnectorGateway gateway;
    private final FlatConfig flat;

    ServiceNowConfigApi(ApiSupport support, ConnectorGateway gateway, FlatConfig flat) {
        this.support = support;
        this.hub = support.hub();
        this.gateway = gateway;
        this.flat = flat;
    }

    void register(ApiRoutes r) {
        r.add("GET", "/api/servicenow/config", Access.AUTHENTICATED, this::getConfig).doc(TAG,
                "The space's ServiceNow configuration (the password is never shown)").query("space_id");
        r.add("POST", "/api/servicenow/config", Access.AUTHENTICATED, req -> save(req, true)).doc(TAG,
                        "Create the ServiceNow configuration (201), or update the existing one (200)")
                .resource("integration")
                .example("{\"instance_url\":\"https://dev123456.service-now.com\",\"username\":\"admin\","
                        + "\"password\":\"...\"}");
        r.add("PUT", "/api/servicenow/config", Access.AUTHENTICATED, req -> save(req, false)).doc(TAG,
                "Update the ServiceNow configuration (omitted fields keep their value)").resource("integration");
        r.add("DELETE", "/api/servicenow/config", Access.AUTHENTICATED, this::deleteConfig).doc(TAG,
                "Remove the ServiceNow configuration").resource("integration").query("space_id");
        r.add("POST", "/api/servicenow/test", Access.AUTHENTICATED, this::test).doc(TAG,
                "Test the connection: {success, message, instance}").resource("integration").query("space_id");
    }

    /** The space's ServiceNow integration (404 when there is none; 409 when several). */
    Integration integration(ApiRequest req, String spaceId) {
        String space = support.targetSpace(req.principal(), spaceId);
        List<Integration> all = hub.jdbi.withHandle(h -> hub.integrations.list(h, space,
                ServiceNowConnector.PLATFORM));
        if (all.isEmpty()) {
            throw ApiException.notFound("ServiceNow configuration (POST /api/servicenow/config creates it)");
        }
        if (all.size() > 1) {
            throw ApiException.conflict("This space has " + all.size() + " ServiceNow integrations; use"
                    + " /api/integrations/<id>/...");
        }
        return all.get(0);
    }

    Integration integration(ApiRequest req) {
        return integration(req, req.query().string("space_id"));
    }

    private Map<String, Object> view(Integration i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("instance_url", i.baseUrl());
        // the user name is not a secret: shown, like the seed's answer; the password never is
        out.put("username", hub.integrations.credentials(i).get("username"));
        out.put("auth", i.credentialFields().contains("client_id") ? "oauth" : "basic");
        out.put("enabled", i.enabled());
        out.put("config", i.config());
        out.put("created_at", i.createdAt());
        out.put("updated_at", i.updatedAt());
        return out;
    }

    private ApiResponse getConfig(ApiRequest req) {
        req.query().allow("space_id");
        return ApiResponse.ok(view(integration(req)));
    }

    private ApiResponse save(ApiRequest req, boolean createAllowed) {
        Body b = Body.of(req.jsonObject(), CONFIG_KEYS);
        String url = b.has("instance_url") ? b.url("instance_url", false) : b.url("url", false);
        String name = b.string("name", false, 200);
        Boolean enabled = b.bool("enabled", false);
        String spaceId = b.string("space_id", false, 36);
        Map<String, String> creds = new LinkedHashMap<>();
        ObjectNode cfg = Json.object();
        DeskConfigApi.readFlat(b, flat, creds, cfg);
        String space = support.targetSpace(req.principal(), spaceId);
        List<Integration> existing = hub.jdbi.withHandle(h -> hub.integrations.list(h, space,
                ServiceNowConnector.PLATFORM));
        if (existing.size() > 1) {
            throw ApiException.conflict("This space has " + existing.size() + " ServiceNow integrations; use"
                    + " PUT /api/integrations/<id>");
        }
        // POST on a configured space updates it, as the alias configuration does; PUT needs one to exist
        boolean create = createAllowed && existing.isEmpty();
        if (!create && existing.isEmpty()) {
            throw ApiException.notFound("ServiceNow configuration (POST /api/servicenow/config creates it)");
        }
        if (create && url == null) {
            b.error("'instance_url' is required");
        }
        flat.validate(creds, cfg, create).forEach(b::error);
        b.validate();
        String base = url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (create) {
            Integration i = hub.jdbi.inTransaction(h -> hub.integrations.create(h, space, ServiceNowConnector.PLATFORM,
                    name == null ? NAME : name, base, cfg, creds, enabled == null || enabled));
            return ApiResponse.created(view(i)).resource(i.id()).header("Location", "/api/servicenow/config");
        }
        Integration current = existing.get(0);
        ObjectNode merged = current.config().deepCopy();
        merged.setAll(cfg);
        Integration i = hub.jdbi.inTransaction(h -> hub.integrations.update(h, current, name, base, merged,
                creds.isEmpty() ? null : creds, enabled));
        return ApiResponse.ok(view(i)).resource(i.id());
    }

    private ApiResponse deleteConfig(ApiRequest req) {
        req.query().allow("space_id");
        Integration i = integration(req);
        hub.jdbi.useTransaction(h -> hub.integrations.delete(h, i.id()));
        return ApiResponse.noContent().resource(i.id());
    }

    private ApiResponse test(ApiRequest req) {
        req.jsonObjectOrEmpty();
        return IntegrationsApi.testAnswer(gateway, integration(req));
    }

}
