package io.ticketbridge.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Integration;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.Page;

/** Helpers shared by the API resources. */
public final class ApiSupport {

    private final Hub hub;
    private final String defaultSpaceId;

    public ApiSupport(Hub hub, String defaultSpaceId) {
        this.hub = hub;
        this.defaultSpaceId = defaultSpaceId;
    }

    public Hub hub() {
        return hub;
    }

    public String defaultSpaceId() {
        return defaultSpaceId;
    }

    /**
     * The space a call acts on: a space key's own space; for the admin, the given space_id (which
     * must exist) or the default space.
     */
    public String targetSpace(Principal p, String requestedSpaceId) {
        if (!p.admin()) {
            if (requestedSpaceId != null && !requestedSpaceId.equals(p.spaceId())) {
                throw ApiException.forbidden("This key belongs to another space");
            }
            return p.spaceId();
        }
        if (requestedSpaceId == null) {
            return defaultSpaceId;
        }
        if (!Ids.isValid(requestedSpaceId)
                || hub.jdbi.withHandle(h -> hub.spaces.get(h, requestedSpaceId)).isEmpty()) {
            throw ApiException.validation(List.of("'space_id' does not name an existing space"));
        }
        return requestedSpaceId;
    }

    /**
     * The space a listing reads: without space_id, the caller's scope (all spaces for the admin); with it,
     * that space, which a space key may only name when it is its own (403 otherwise, as for a write).
     */
    public String listScope(Principal p, String requestedSpaceId) {
        return requestedSpaceId == null ? p.scope() : targetSpace(p, requestedSpaceId);
    }

    /**
     * The integration a path names: its id, or a platform alias such as "manageengine-servicedesk"
     * meaning the caller's (only) integration of that platform; {@code integration_id} in the query
     * picks one when a space has several.
     */
    public Integration integration(ApiRequest req, PlatformCatalog catalog) {
        String idOrAlias = req.pathParam("id");
        String scope = req.principal().scope();
        if (Ids.isValid(idOrAlias)) {
            return hub.jdbi.withHandle(h -> hub.integrations.get(h, scope, idOrAlias))
                    .orElseThrow(() -> ApiException.notFound("Integration " + idOrAlias));
        }
        PlatformCatalog.Platform platform = catalog.byAlias(idOrAlias)
                .orElseThrow(() -> ApiException.notFound("Integration " + idOrAlias));
        String space = targetSpace(req.principal(), req.query().string("space_id"));
        List<Integration> all = hub.jdbi.withHandle(h -> hub.integrations.list(h, space, platform.name()));
        String wanted = req.query().string("integration_id");
        if (wanted != null) {
            return all.stream().filter(i -> i.id().equals(wanted)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Integration " + wanted));
        }
        if (all.isEmpty()) {
            throw ApiException.notFound("No " + idOrAlias + " integration is configured in this space (POST /api/"
                    + "integrations/" + idOrAlias + " configures one)");
        }
        if (all.size() > 1) {
            throw ApiException.conflict("This space has " + all.size() + " " + platform.name()
                    + " integrations; add ?integration_id=<id> or use /api/integrations/<id>/...");
        }
        return all.get(0);
    }

    public static Map<String, Object> page(Page<?> page) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("page", page.page());
        out.put("page_size", page.pageSize());
        out.put("total", page.total());
        out.put("has_more", page.hasMore());
        return out;
    }
}
