package io.ticketbridge.api.desk;

import java.time.ZoneId;
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
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.api.Body;
import io.ticketbridge.api.Query;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.store.ScheduleStore;
import io.ticketbridge.sync.SyncScheduler;
import org.quartz.CronExpression;

/** Sync schedules, field mappings, templates and sync logs of a desk integration (seed 000). */
public final class DeskAdminApi {

    private static final String TAG = "Service desk configuration";

    private final DeskCalls calls;
    private final SyncScheduler scheduler;

    public DeskAdminApi(DeskCalls calls, SyncScheduler scheduler) {
        this.calls = calls;
        this.scheduler = scheduler;
    }

    public void register(ApiRoutes r) {
        r.add("GET", "/api/integrations/{id}/sync-schedule", Access.AUTHENTICATED, this::getSchedule)
                .doc(TAG, "The sync schedule");
        r.add("POST", "/api/integrations/{id}/sync-schedule", Access.AUTHENTICATED, req -> putSchedule(req, false))
                .doc(TAG, "Create or replace the sync schedule (manual | interval | hourly | daily | cron)")
                .resource("integration").example("{\"mode\":\"interval\",\"interval_minutes\":15}");
        r.add("PUT", "/api/integrations/{id}/sync-schedule", Access.AUTHENTICATED, req -> putSchedule(req, true))
                .doc(TAG, "Run a sync now (and update the schedule if a body is given)").resource("integration");
        r.add("GET", "/api/integrations/{id}/field-mappings", Access.AUTHENTICATED, this::mappings)
                .doc(TAG, "Field mappings (hub field → desk field path)");
        r.add("POST", "/api/integrations/{id}/field-mappings", Access.AUTHENTICATED, this::addMappings)
                .doc(TAG, "Create field mappings").resource("integration")
                .example("{\"priority\":\"priority.name\",\"custom_fields.site\":\"udf_fields.udf_sline_301\"}");
        r.add("DELETE", "/api/integrations/{id}/field-mappings", Access.AUTHENTICATED, this::deleteMapping)
                .doc(TAG, "Delete a field mapping (?local_field= or ?id=)").resource("integration")
                .query("local_field", "id");
        r.add("GET", "/api/integrations/{id}/templates", Access.AUTHENTICATED, req -> ApiResponse.ok(Map.of("items",
                calls.hub.jdbi.withHandle(h -> calls.hub.mappings.templates(h, calls.desk(req).id())))))
                .doc(TAG, "Ticket templates");
        r.add("POST", "/api/integrations/{id}/templates", Access.AUTHENTICATED, this::addTemplate)
                .doc(TAG, "Create or replace a template").resource("integration")
                .example("{\"name\":\"access\",\"category\":\"Request\",\"subcategory\":\"Access Request\","
                        + "\"group\":\"IT Support\",\"defaultFields\":{\"priority\":\"Medium\"},\"is_default\":true}");
        r.add("DELETE", "/api/integrations/{id}/templates", Access.AUTHENTICATED, this::deleteTemplate)
                .doc(TAG, "Delete a template (?name= or ?id=)").resource("integration").query("name", "id");
        r.add("GET", "/api/integrations/{id}/sync-logs", Access.AUTHENTICATED, this::syncLogs)
                .doc(TAG, "Sync history").query("ticket_id", "status", "page", "page_size");
    }

    private ApiResponse getSchedule(ApiRequest req) {
        Integration i = calls.desk(req);
        return ApiResponse.ok(scheduler.get(i).orElse(new ScheduleStore.Schedule("manual", null, null, null, "UTC",
                null, true, null, null)));
    }

    private ApiResponse putSchedule(ApiRequest req, boolean runNow) throws Exception {
        ObjectNode body = req.jsonObjectOrEmpty();
        Integration i = calls.desk(req);
        ScheduleStore.Schedule saved = null;
        if (!body.isEmpty() || !runNow) {
            saved = scheduler.put(i, parseSchedule(body));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (runNow) {
            scheduler.runNow(i);
            calls.drainer.drain();
            out.put("triggered", true);
        }
        out.put("schedule", saved != null ? saved : scheduler.get(i).orElse(null));
        return ApiResponse.ok(out).resource(i.id());
    }

    static ScheduleStore.Schedule parseSchedule(JsonNode node) {
        Body b = Body.of((ObjectNode) node, Set.of("mode", "interval_minutes", "minute", "time", "timezone", "cron",
                "enabled", "type", "frequency"));
        String mode = b.has("mode") ? b.oneOf("mode", true, List.of("manual", "interval", "hourly", "daily", "cron"))
                : b.oneOf("type", true, List.of("manual", "interval", "hourly", "daily", "cron"));
        Integer interval = b.has("interval_minutes") ? b.integer("interval_minutes", false, 1, 10_080)
                : b.integer("frequency", false, 1, 10_080);
        Integer minute = b.integer("minute", false, 0, 59);
        String time = b.string("time", false, 5);
        String zone = b.string("timezone", false, 64);
        String cron = b.string("cron", false, 120);
        Boolean enabled = b.bool("enabled", false);
        if ("interval".equals(mode) && interval == null) {
            b.error("'interval_minutes' is required for mode interval");
        }
        if ("hourly".equals(mode) && minute == null) {
            b.error("'minute' (0-59) is required for mode hourly");
        }
        if ("daily".equals(mode) && (time == null || !time.matches("^([01]\\d|2[0-3]):[0-5]\\d$"))) {
            b.error("'time' as HH:MM is required for mode daily");
        }
        if ("cron".equals(mode) && (cron == null || !CronExpression.isValidExpression(cron))) {
            b.error("'cron' must be a valid Quartz cron expression for mode cron");
        }
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                b.error("'timezone' is not a known time zone");
            }
        }
        b.validate();
        return new ScheduleStore.Schedule(mode, interval, minute, time, zone == null ? "UTC" : zone, cron,
                enabled == null || enabled, null, null);
    }

    private ApiResponse mappings(ApiRequest req) {
        Integration i = calls.desk(req);
        List<FieldMapping> custom = calls.hub.jdbi.withHandle(h -> calls.hub.mappings.mappings(h, i.id()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", custom);
        out.put("effective", calls.desks.find(i.platform()).orElseThrow().effectiveFieldPaths(custom));
        return ApiResponse.ok(out);
    }

    private ApiResponse addMappings(ApiRequest req) {
        ObjectNode body = req.jsonObject();
        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        if (body.has("local_field") && (body.has("servicedesk_field") || body.has("remote_field"))) {
            JsonNode remote = body.has("servicedesk_field") ? body.get("servicedesk_field") : body.get("remote_field");
            pairs.put(body.path("local_field").asText(), remote.asText());
            body.properties().forEach(e -> {
                if (!Set.of("local_field", "servicedesk_field", "remote_field").contains(e.getKey())) {
                    errors.add("unknown field '" + e.getKey() + "'");
                }
            });
        } else {
            body.properties().forEach(e -> {
                if ("local_field".equals(e.getKey()) && "servicedesk_field".equals(e.getValue().asText())) {
                    return; // the seed's example starts with this header pair
                }
                if (!e.getValue().isTextual()) {
                    errors.add("'" + e.getKey() + "' must map to a desk field path (string)");
                } else {
                    pairs.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        for (Map.Entry<String, String> p : pairs.entrySet()) {
            String local = p.getKey();
            boolean known = TicketFields.ALL.contains(local) && !TicketFields.CUSTOM_FIELDS.equals(local)
                    || local.matches("^custom_fields\\.[A-Za-z0-9_.-]{1,100}$");
            if (!known) {
                errors.add("'" + local + "' is not a hub field (use one of " + TicketFields.ALL
                        + " or custom_fields.<name>)");
            }
            if (!p.getValue().matches("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+){0,3}$")) {
                errors.add("'" + p.getValue() + "' is not a desk field path such as priority.name");
            }
        }
        if (pairs.isEmpty() && errors.isEmpty()) {
            errors.add("give at least one mapping: {\"local_field\": \"servicedesk_field\"}");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Integration i = calls.desk(req);
        List<FieldMapping> saved = calls.hub.jdbi.inTransaction(h -> {
            List<FieldMapping> out = new ArrayList<>();
            pairs.forEach((l, rf) -> out.add(calls.hub.mappings.putMapping(h, i.id(), l, rf)));
            return out;
        });
        return ApiResponse.created(Map.of("items", saved)).resource(i.id());
    }

    private ApiResponse deleteMapping(ApiRequest req) {
        Query q = req.query().allow("local_field", "id", "space_id", "integration_id");
        String key = q.string("local_field") != null ? q.string("local_field") : q.string("id");
        if (key == null) {
            throw ApiException.validation(List.of("give ?local_field= or ?id="));
        }
        Integration i = calls.desk(req);
        if (!calls.hub.jdbi.inTransaction(h -> calls.hub.mappings.deleteMapping(h, i.id(), key))) {
            throw ApiException.notFound("Field mapping " + key);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse addTemplate(ApiRequest req) {
        TicketTemplate t = parseTemplate(req.jsonObject());
        Integration i = calls.desk(req);
        return ApiResponse.created(calls.hub.jdbi.inTransaction(h -> calls.hub.mappings.putTemplate(h, i.id(), t)))
                .resource(i.id());
    }

    static TicketTemplate parseTemplate(ObjectNode node) {
        Body b = Body.of(node, Set.of("name", "category", "subcategory", "group", "defaultFields", "is_default"));
        String name = b.string("name", true, 200);
        String category = b.string("category", false, 200);
        String subcategory = b.string("subcategory", false, 200);
        String group = b.string("group", false, 200);
        ObjectNode defaults = b.object("defaultFields", false);
        Boolean isDefault = b.bool("is_default", false);
        if (defaults != null) {
            defaults.properties().forEach(e -> {
                if (!e.getKey().matches("^[a-z][a-z0-9_]{0,60}$") || e.getValue().isArray() || e.getValue().isObject()
                        && !e.getValue().has("name") && !e.getValue().has("id")) {
                    b.error("'defaultFields." + e.getKey() + "' must be a desk attribute with a plain value or"
                            + " {name}/{id}");
                }
            });
        }
        b.validate();
        return new TicketTemplate(null, name, category, subcategory, group,
                defaults == null ? Map.of() : Json.toMap(defaults), Boolean.TRUE.equals(isDefault));
    }

    private ApiResponse deleteTemplate(ApiRequest req) {
        Query q = req.query().allow("name", "id", "space_id", "integration_id");
        String key = q.string("name") != null ? q.string("name") : q.string("id");
        if (key == null) {
            throw ApiException.validation(List.of("give ?name= or ?id="));
        }
        Integration i = calls.desk(req);
        if (!calls.hub.jdbi.inTransaction(h -> calls.hub.mappings.deleteTemplate(h, i.id(), key))) {
            throw ApiException.notFound("Template " + key);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse syncLogs(ApiRequest req) {
        Query q = req.query().allow("ticket_id", "status", "page", "page_size", "space_id", "integration_id");
        Integration i = calls.desk(req);
        return ApiResponse.ok(ApiSupport.page(calls.hub.syncLogs.list(i.id(), q.string("ticket_id"),
                q.string("status"), q.page(), q.pageSize())));
    }
}
