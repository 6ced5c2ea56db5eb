package io.ticketbridge.api.desk;

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
import io.ticketbridge.api.Body;
import io.ticketbridge.api.IntegrationsApi;
import io.ticketbridge.connector.FlatConfig;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;

/**
 * Seed 000's configuration endpoints on a platform alias: POST creates or updates the space's
 * integration of that platform from a flat body (url, api key, ...: which keys are credentials and which
 * config is the desk connector's {@link FlatConfig}); PUT updates it; GET (shared with
 * /api/integrations/{id}) shows it without secrets.
 */
public final class DeskConfigApi {

    private static final Set<String> OTHER_KEYS = Set.of("url", "base_url", "name", "enabled", "config", "credentials",
            "space_id");

    private final DeskCalls calls;

    public DeskConfigApi(DeskCalls calls) {
        this.calls = calls;
    }

    public void register(ApiRoutes r) {
        r.add("POST", "/api/integrations/{id}", Access.AUTHENTICATED, this::upsert)
                .doc("Service desk sync", "Create or update the configuration of a platform alias"
                        + " (e.g. /api/integrations/manageengine-servicedesk)").resource("integration")
                .example("{\"url\":\"https://sdp.example.com:8080\",\"api_key\":\"...\",\"edition\":\"onprem\","
                        + "\"webhook_secret\":\"...\"}");
        // PUT on an alias takes the same flat body as POST (the generic PUT /api/integrations/{id} does not)
        for (String platform : calls.catalog.names()) {
            if (calls.desks.isDesk(platform)) {
                for (String alias : calls.catalog.find(platform).orElseThrow().aliases()) {
                    r.add("PUT", "/api/integrations/" + alias, Access.AUTHENTICATED, req -> upsert(req, alias, false))
                            .doc("Service desk sync", "Update the configuration of this platform alias (same body as"
                                    + " POST)").resource("integration");
                }
            }
        }
    }

    private ApiResponse upsert(ApiRequest req) {
        String alias = req.pathParam("id");
        if (Ids.isValid(alias)) {
            throw ApiException.methodNotAllowed("POST", req.path(), List.of("DELETE", "GET", "PUT"));
        }
        return upsert(req, alias, true);
    }

    private ApiResponse upsert(ApiRequest req, String alias, boolean createAllowed) {
        PlatformCatalog.Platform platform = calls.catalog.byAlias(alias)
                .orElseThrow(() -> ApiException.notFound("Integration " + alias));
        FlatConfig flat = calls.desks.connector(platform.name())
                .orElseThrow(() -> ApiException.notFound("Integration " + alias)).flatConfig();
        java.util.Set<String> allowed = new java.util.HashSet<>(flat.credentialKeys());
        allowed.addAll(flat.configKeys());
        allowed.addAll(OTHER_KEYS);
        Body b = Body.of(req.jsonObject(), allowed);
        String url = b.has("url") ? b.url("url", false) : b.url("base_url", false);
        String name = b.string("name", false, 200);
        Boolean enabled = b.bool("enabled", false);
        ObjectNode config = b.object("config", false);
        Map<String, String> creds = new LinkedHashMap<>();
        Map<String, String> given = b.stringMap("credentials", false, 50);
        if (given != null) {
            creds.putAll(given);
        }
        ObjectNode cfg = config == null ? Json.object() : config.deepCopy();
        readFlat(b, flat, creds, cfg);
        String space = calls.support.targetSpace(req.principal(), b.string("space_id", false, 36));
        List<Integration> existing = calls.hub.jdbi.withHandle(h -> calls.hub.integrations.list(h, space,
                platform.name()));
        if (existing.size() > 1) {
            throw ApiException.conflict("This space has several " + platform.name()
                    + " integrations; update one with PUT /api/integrations/<id>");
        }
        if (existing.isEmpty() && !createAllowed) {
            throw ApiException.notFound("No " + alias + " integration is configured in this space (POST /api/"
                    + "integrations/" + alias + " configures one)");
        }
        if (existing.isEmpty() && url == null) {
            b.error("'url' is required");
        }
        flat.validate(creds, cfg, existing.isEmpty()).forEach(b::error);
        b.validate();
        String base = url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (existing.isEmpty()) {
            Integration i = calls.hub.jdbi.inTransaction(h -> calls.hub.integrations.create(h, space, platform.name(),
                    name == null ? platform.title() : name, base, cfg, creds, enabled == null || enabled));
            return ApiResponse.created(IntegrationsApi.view(i)).resource(i.id())
                    .header("Location", "/api/integrations/" + i.id());
        }
        Integration current = existing.get(0);
        ObjectNode merged = current.config().deepCopy();
        merged.setAll(cfg);
        Integration i = calls.hub.jdbi.inTransaction(h -> calls.hub.integrations.update(h, current, name, base, merged,
                creds.isEmpty() ? null : creds, enabled));
        return ApiResponse.ok(IntegrationsApi.view(i)).resource(i.id());
    }

    /**
     * Reads a flat configuration body: its credential keys (stored under the connector's names; a blank one is
     * an error) into {@code creds}, its config keys into {@code cfg}.
     */
    public static void readFlat(Body b, FlatConfig flat, Map<String, String> creds, ObjectNode cfg) {
        for (String k : flat.credentialKeys()) {
            if (b.has(k) && b.raw(k).isTextual() && b.raw(k).asText().isBlank()) {
                b.error("'" + k + "' must not be empty");
            }
            String v = b.string(k, false, 4000);
            if (v != null) {
                creds.put(flat.storedCredentialKey(k), v);
            }
        }
        for (String k : flat.configKeys()) {
            if (b.has(k)) {
                cfg.set(k, b.raw(k));
            }
        }
    }
}
