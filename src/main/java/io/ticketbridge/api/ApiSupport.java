package io.ticketbridge.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketbridge.model.Ids;
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
