package io.ticketbridge.api;

import io.ticketbridge.model.AuditEntry;

import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.store.AuditStore;

/** The audit log: every API mutation and every call to an outside system. */
public final class AuditApi {

    private final AuditStore audit;

    public AuditApi(AuditStore audit) {
        this.audit = audit;
    }

    public void register(ApiRoutes r) {
        r.add("GET", "/api/audit/logs", Access.AUTHENTICATED, this::logs).doc("Audit", "Audit entries, newest first")
                .query("resource_type", "resource_id", "correlation_id", "page", "page_size")
                .returnsPage(AuditEntry.class);
    }

    private ApiResponse logs(ApiRequest req) {
        Query q = req.query().allow("resource_type", "resource_id", "correlation_id", "page", "page_size");
        return ApiResponse.ok(ApiSupport.page(audit.list(req.principal().scope(), q.string("resource_type"),
                q.string("resource_id"), q.string("correlation_id"), q.page(), q.pageSize())));
    }
}
