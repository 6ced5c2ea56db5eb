package io.ticketbridge.api.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.api.ApiException;
import io.ticketbridge.api.ApiRequest;
import io.ticketbridge.api.ApiResponse;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiRoutes.Access;
import io.ticketbridge.api.Body;
import io.ticketbridge.api.Query;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.security.SecretMasker;
import io.ticketbridge.store.ConflictStore;
import io.ticketbridge.store.LinkStore;
import io.ticketbridge.store.ScheduleStore;
import io.ticketbridge.sync.SyncScheduler;

/**
 * Configuration export/import (secrets never leave in clear; an import is validated whole before
 * anything changes) and conflict resolution (keep local, take remote, or a manual value, then push).
 */
public final class DeskTransferApi {

    private static final String TAG = "Service desk configuration";

    private final DeskCalls calls;
    private final SyncScheduler scheduler;

    public DeskTransferApi(DeskCalls calls, SyncScheduler scheduler) {
        this.calls = calls;
        this.scheduler = scheduler;
    }

    public void register(ApiRoutes r) {
        r.add("GET", "/api/integrations/{id}/export-config", Access.AUTHENTICATED, this::export)
                .doc(TAG, "Export the configuration (credentials masked)");
        r.add("POST", "/api/integrations/{id}/import-config", Access.AUTHENTICATED, this::importConfig)
                .doc(TAG, "Import a configuration (validated before anything changes)").resource("integration");
        r.add("GET", "/api/integrations/{id}/conflict-resolution", Access.AUTHENTICATED, this::conflicts)
                .doc(TAG, "Conflicts (fields changed on both sides)").query("ticket_id", "status");
        r.add("POST", "/api/integrations/{id}/conflict-resolution", Access.AUTHENTICATED, this::resolve)
                .doc(TAG, "Resolve a conflict with local, remote or a manual value (then pushed)")
                .resource("integration").example("{\"conflict_id\":\"...\",\"resolution\":\"manual\",\"value\":\"high\"}");
    }

    private ApiResponse export(ApiRequest req) {
        Integration i = calls.desk(req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "ticketbridge-integration/1");
        out.put("exported_at", Instant.now());
        out.put("platform", i.platform());
        out.put("name", i.name());
        out.put("base_url", i.baseUrl());
        out.put("enabled", i.enabled());
        out.put("config", i.config());
        Map<String, String> creds = new LinkedHashMap<>();
        i.credentialFields().forEach(f -> creds.put(f, SecretMasker.MASK));
        out.put("credentials", creds);
        out.put("field_mappings", calls.hub.jdbi.withHandle(h -> calls.hub.mappings.mappings(h, i.id())).stream()
                .map(m -> Map.of("local_field", m.localField(), "remote_field", m.remoteField())).toList());
        out.put("templates", calls.hub.jdbi.withHandle(h -> calls.hub.mappings.templates(h, i.id())).stream()
                .map(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", t.name());
                    m.put("category", t.category());
                    m.put("subcategory", t.subcategory());
                    m.put("group", t.group());
                    m.put("defaultFields", t.defaultFields());
                    m.put("is_default", t.isDefault());
                    return m;
                }).toList());
        out.put("sync_schedule", scheduler.get(i).orElse(null));
        return ApiResponse.ok(out).header("Content-Disposition", "attachment; filename=\"" + i.platform()
                + "-config.json\"");
    }

    private ApiResponse importConfig(ApiRequest req) throws Exception {
        ObjectNode body = req.jsonObject();
        Body b = Body.of(body, Set.of("format", "exported_at", "platform", "name", "base_url", "enabled", "config",
                "credentials", "field_mappings", "templates", "sync_schedule"));
        String platform = b.string("platform", false, 40);
        String name = b.string("name", false, 200);
        String baseUrl = b.url("base_url", false);
        Boolean enabled = b.bool("enabled", false);
        ObjectNode config = b.object("config", false);
        Map<String, String> creds = b.stringMap("credentials", false, 50);
        Integration i = calls.desk(req);
        if (platform != null && !platform.equals(i.platform())) {
            b.error("this export is for platform " + platform + ", not " + i.platform());
        }
        List<FieldMapping> mappings = new ArrayList<>();
        JsonNode fm = body.get("field_mappings");
        if (fm != null && !fm.isNull()) {
            if (!fm.isArray()) {
                b.error("'field_mappings' must be an array");
            } else {
                for (JsonNode m : fm) {
                    String l = m.path("local_field").asText("");
                    String rf = m.path("remote_field").asText("");
                    if (!(TicketFields.ALL.contains(l) || l.startsWith("custom_fields.")) || rf.isBlank()) {
                        b.error("field mapping " + m + " needs a hub 'local_field' and a 'remote_field'");
                    }
                    mappings.add(new FieldMapping(null, l, rf));
                }
            }
        }
        List<TicketTemplate> templates = new ArrayList<>();
        JsonNode tp = body.get("templates");
        if (tp != null && !tp.isNull()) {
            if (!tp.isArray()) {
                b.error("'templates' must be an array");
            } else {
                for (JsonNode t : tp) {
                    try {
                        templates.add(DeskAdminApi.parseTemplate((ObjectNode) t));
                    } catch (ApiException | ClassCastException e) {
                        b.error("template " + t.path("name").asText("?") + ": " + e.getMessage());
                    }
                }
            }
        }
        ScheduleStore.Schedule schedule = null;
        JsonNode sc = body.get("sync_schedule");
        if (sc != null && !sc.isNull()) {
            try {
                ObjectNode copy = ((ObjectNode) sc).deepCopy();
                copy.remove(List.of("last_run_at", "next_run_at"));
                schedule = DeskAdminApi.parseSchedule(copy);
            } catch (ApiException | ClassCastException e) {
                b.error("sync_schedule: " + (e instanceof ApiException ae ? ae.validationErrors() : e.getMessage()));
            }
        }
        b.validate();
        // credentials exported as **** are not secrets: keep the stored ones for those fields
        Map<String, String> newCreds = new LinkedHashMap<>();
        if (creds != null) {
            creds.forEach((k, v) -> {
                if (v != null && !SecretMasker.MASK.equals(v)) {
                    newCreds.put(k, v);
                }
            });
        }
        calls.hub.jdbi.useTransaction(h -> {
            calls.hub.integrations.update(h, i, name, baseUrl, config, newCreds.isEmpty() ? null : newCreds, enabled);
            if (fm != null && !fm.isNull()) {
                calls.hub.mappings.deleteAllMappings(h, i.id());
                mappings.forEach(m -> calls.hub.mappings.putMapping(h, i.id(), m.localField(), m.remoteField()));
            }
            if (tp != null && !tp.isNull()) {
                calls.hub.mappings.deleteAllTemplates(h, i.id());
                templates.forEach(t -> calls.hub.mappings.putTemplate(h, i.id(), t));
            }
        });
        if (schedule != null) {
            scheduler.put(i, schedule);
        }
        return ApiResponse.ok(Map.of("imported", true, "field_mappings", mappings.size(), "templates",
                templates.size(), "sync_schedule", schedule != null)).resource(i.id());
    }

    private ApiResponse conflicts(ApiRequest req) {
        Query q = req.query().allow("ticket_id", "status", "space_id", "integration_id");
        Integration i = calls.desk(req);
        String status = q.oneOf("status", List.of("open", "resolved"));
        return ApiResponse.ok(Map.of("items", calls.hub.jdbi.withHandle(h -> calls.hub.conflicts.list(h, i.id(),
                q.string("ticket_id"), status == null ? ConflictStore.OPEN : status))));
    }

    private ApiResponse resolve(ApiRequest req) throws InterruptedException {
        Body b = Body.of(req.jsonObject(), Set.of("conflict_id", "resolution", "value", "wait_seconds"));
        String conflictId = b.string("conflict_id", true, 36);
        String resolution = b.oneOf("resolution", true, List.of("local", "remote", "manual"));
        Integer wait = b.integer("wait_seconds", false, 0, 120);
        if ("manual".equals(resolution) && !b.has("value")) {
            b.error("'value' is required for a manual resolution");
        }
        b.validate();
        Integration i = calls.desk(req);
        ConflictStore.Conflict c = calls.hub.jdbi.withHandle(h -> calls.hub.conflicts.get(h, conflictId))
                .filter(x -> x.integrationId().equals(i.id()))
                .orElseThrow(() -> ApiException.notFound("Conflict " + conflictId));
        if (!ConflictStore.OPEN.equals(c.status())) {
            throw ApiException.conflict("Conflict " + conflictId + " is already " + c.status());
        }
        Object chosen = switch (resolution) {
            case "local" -> Json.MAPPER.convertValue(c.localValue(), Object.class);
            case "remote" -> Json.MAPPER.convertValue(c.remoteValue(), Object.class);
            default -> Json.MAPPER.convertValue(b.raw("value"), Object.class);
        };
        if ("manual".equals(resolution)) {
            ObjectNode check = Json.object();
            check.set(c.field(), b.raw("value"));
            io.ticketbridge.api.TicketInput.patch(check);
        }
        calls.hub.jdbi.useTransaction(h -> {
            Ticket t = calls.hub.tickets.get(h, null, c.ticketId()).orElseThrow();
            LinkStore.Link link = calls.hub.links.byTicket(h, i.id(), t.id()).orElseThrow();
            // the snapshot takes the vendor's value, so the next push sends the chosen one where it differs
            Map<String, Object> snapshot = new LinkedHashMap<>(link.snapshot());
            snapshot.put(c.field(), Json.MAPPER.convertValue(c.remoteValue(), Object.class));
            calls.hub.links.update(h, link.id(), null, null, snapshot);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put(c.field(), chosen);
            calls.tickets.update(h, t, change, "remote".equals(resolution) ? i.id() : TicketService.ORIGIN_HUB);
            calls.hub.conflicts.resolve(h, c.id(), resolution, chosen);
        });
        ApiResponse pushed = calls.runJob(i, c.ticketId(), "push", Json.object().put("ticket_id", c.ticketId()), wait);
        return ApiResponse.ok(Map.of("resolved", true, "conflict_id", c.id(), "field", c.field(), "resolution",
                resolution, "value", chosen == null ? "" : chosen, "push", pushed.body())).resource(c.ticketId());
    }
}
