package io.ticketbridge.servicenow;

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
import io.ticketbridge.api.desk.DeskErrors;
import io.ticketbridge.component.servicenow.ServiceNowOperations;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.ConnectorHeaders;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.connector.DeskOperation;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;

/**
 * Seed 002's operations on the space's ServiceNow integration ({@link ServiceNowConfigApi}): create incident,
 * create change request, update incident, add a work note, search incidents, close incident, sent straight
 * to the instance through the {@code servicenow-table} component (audited like every outbound call).
 */
final class ServiceNowApi {

    private static final String TAG = "ServiceNow";
    private final ServiceNowConfigApi config;
    private final ConnectorGateway gateway;

    ServiceNowApi(ServiceNowConfigApi config, ConnectorGateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    void register(ApiRoutes r) {
        r.add("POST", "/api/servicenow/incidents", Access.AUTHENTICATED, this::createIncident).doc(TAG,
                        "Create an incident").resource("integration")
                .example("{\"short_description\":\"Application error\",\"urgency\":\"1\",\"impact\":\"2\","
                        + "\"category\":\"Software\",\"subcategory\":\"Application\"}");
        r.add("GET", "/api/servicenow/incidents", Access.AUTHENTICATED, this::searchIncidents).doc(TAG,
                "Search incidents (state, assignment_group, limit)").query("state", "assignment_group", "limit",
                "space_id");
        r.add("PATCH", "/api/servicenow/incidents/{sysId}", Access.AUTHENTICATED, this::updateIncident).doc(TAG,
                "Update an incident (state, assigned_to, ...)").resource("integration")
                .example("{\"state\":\"2\",\"assigned_to\":\"user.name\"}");
        r.add("POST", "/api/servicenow/{table}/{sysId}/work-notes", Access.AUTHENTICATED, this::addWorkNote)
                .doc(TAG, "Add a work note to an incident or change_request").resource("integration")
                .example("{\"work_note\":\"Identified the root cause\"}");
        r.add("POST", "/api/servicenow/incidents/{sysId}/close", Access.AUTHENTICATED, this::closeIncident)
                .doc(TAG, "Resolve an incident with close notes and a close code (closed, state 7, where the"
                        + " integration allows a direct close)").resource("integration")
                .example("{\"close_notes\":\"Restarted the service\",\"close_code\":\"Solved (Permanently)\"}");
        r.add("POST", "/api/servicenow/change-requests", Access.AUTHENTICATED, this::createChange).doc(TAG,
                        "Create a change request (type standard, normal or emergency)").resource("integration")
                .example("{\"short_description\":\"Deploy v2.0\",\"type\":\"normal\",\"risk\":\"2\",\"impact\":\"2\"}");
    }

    private ApiResponse createIncident(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("short_description", "description", "urgency", "impact",
                "category", "subcategory", "assignment_group", "caller_id", "space_id"));
        ObjectNode record = Json.object();
        record.put("short_description", b.string("short_description", true, 160));
        copy(b, record, "description", 32_000);
        level(b, record, "urgency", 3);
        level(b, record, "impact", 3);
        copy(b, record, "category", 100);
        copy(b, record, "subcategory", 100);
        copy(b, record, "assignment_group", 100);
        copy(b, record, "caller_id", 100);
        b.validate();
        Integration i = config.integration(req, b.string("space_id", false, 36));
        JsonNode created = call(i, DeskOperation.CREATE_TICKET, record, ServiceNowOperations.INCIDENT, null);
        return ApiResponse.created(created).resource(i.id());
    }

    private ApiResponse createChange(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("short_description", "description", "type", "risk", "impact",
                "assignment_group", "category", "space_id"));
        ObjectNode record = Json.object();
        record.put("short_description", b.string("short_description", true, 160));
        copy(b, record, "description", 32_000);
        String type = b.oneOf("type", false, List.of("standard", "normal", "emergency"));
        record.put("type", type == null ? "normal" : type);
        level(b, record, "risk", 4);
        level(b, record, "impact", 3);
        copy(b, record, "assignment_group", 100);
        copy(b, record, "category", 100);
        b.validate();
        Integration i = config.integration(req, b.string("space_id", false, 36));
        JsonNode created = call(i, DeskOperation.CREATE_TICKET, record, ServiceNowOperations.CHANGE_REQUEST, null);
        return ApiResponse.created(created).resource(i.id());
    }

    private ApiResponse updateIncident(ApiRequest req) {
        ObjectNode body = req.jsonObject();
        Body b = Body.of(body, Set.of("state", "assigned_to", "assignment_group", "urgency", "impact",
                "short_description", "description", "category", "subcategory", "hold_reason", "space_id"));
        ObjectNode record = Json.object();
        for (String f : List.of("state", "assigned_to", "assignment_group", "short_description", "description",
                "category", "subcategory", "hold_reason")) {
            copy(b, record, f, 32_000);
        }
        level(b, record, "urgency", 3);
        level(b, record, "impact", 3);
        if (record.isEmpty()) {
            b.error("give at least one field to change");
        }
        b.validate();
        Integration i = config.integration(req, b.string("space_id", false, 36));
        return ApiResponse.ok(call(i, DeskOperation.UPDATE_TICKET, record, ServiceNowOperations.INCIDENT,
                sysId(req))).resource(i.id());
    }

    private ApiResponse addWorkNote(ApiRequest req) {
        String table = req.pathParam("table").replace('-', '_');
        if ("incidents".equals(table)) {
            table = ServiceNowOperations.INCIDENT;
        } else if ("change_requests".equals(table)) {
            table = ServiceNowOperations.CHANGE_REQUEST;
        }
        if (!List.of(ServiceNowOperations.INCIDENT, ServiceNowOperations.CHANGE_REQUEST).contains(table)) {
            throw ApiException.notFound("ServiceNow table " + req.pathParam("table"));
        }
        Body b = Body.of(req.jsonObject(), Set.of("work_note", "space_id"));
        String note = b.string("work_note", true, 32_000);
        b.validate();
        Integration i = config.integration(req, b.string("space_id", false, 36));
        JsonNode answer = call(i, DeskOperation.ADD_COMMENT, Json.object().put("work_notes", note), table,
                sysId(req));
        return ApiResponse.created(answer).resource(i.id());
    }

    private ApiResponse closeIncident(ApiRequest req) {
        Body b = Body.of(req.jsonObject(), Set.of("close_notes", "close_code", "space_id"));
        ObjectNode record = Json.object();
        record.put("close_notes", b.string("close_notes", true, 32_000));
        copy(b, record, "close_code", 100);
        b.validate();
        Integration i = config.integration(req, b.string("space_id", false, 36));
        return ApiResponse.ok(call(i, DeskOperation.CLOSE_TICKET, record, ServiceNowOperations.INCIDENT,
                sysId(req))).resource(i.id());
    }

    private ApiResponse searchIncidents(ApiRequest req) {
        Query q = req.query().allow("state", "assignment_group", "limit", "space_id");
        int limit = q.integer("limit", 10, 1, 1000);
        StringBuilder query = new StringBuilder();
        String state = q.string("state");
        if (state != null) {
            if (!state.matches("-?\\d{1,3}")) {
                throw ApiException.validation(List.of("'state' must be a ServiceNow state number (1 New, 2 In"
                        + " Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled)"));
            }
            query.append("state=").append(state).append('^');
        }
        String group = q.string("assignment_group");
        if (group != null) {
            if (group.contains("^")) {
                throw ApiException.validation(List.of("'assignment_group' must not contain '^'"));
            }
            // a sys_id, or the group's name through the reference field's display value
            query.append(group.matches("[0-9a-f]{32}") ? "assignment_group=" : "assignment_group.name=")
                    .append(group).append('^');
        }
        query.append("ORDERBYDESCsys_updated_on^ORDERBYsys_id");
        ObjectNode list = Json.object().put("sysparm_query", query.toString()).put("sysparm_limit", limit)
                .put("max_rows", limit);
        Integration i = config.integration(req);
        JsonNode answer = call(i, DeskOperation.LIST_TICKETS, list, ServiceNowOperations.INCIDENT, null);
        return ApiResponse.ok(Map.of("items", answer, "count", answer.size()));
    }

    private JsonNode call(Integration i, String operation, ObjectNode body, String table, String sysId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ServiceNowOperations.TABLE, table);
        if (sysId != null) {
            headers.put(ConnectorHeaders.REMOTE_ID, sysId);
        }
        try {
            JsonNode answer = gateway.call(i, operation, body, headers);
            JsonNode result = answer.has("result") && answer.size() == 1 ? answer.get("result") : answer;
            return flat(result);
        } catch (DeskException e) {
            throw DeskErrors.toApi(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(e.getMessage()));
        }
    }

    /**
     * Records as the seed shows them: each field's value ({@code number}, {@code sys_id}: strings), with a
     * reference's or choice's display value beside it as {@code <field>_display} when it differs.
     */
    static JsonNode flat(JsonNode node) {
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(n -> out.add(flat(n)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = Json.object();
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("value")) {
                out.set(e.getKey(), v.get("value"));
                JsonNode display = v.get("display_value");
                if (display != null && !display.equals(v.get("value"))) {
                    out.set(e.getKey() + "_display", display);
                }
            } else {
                out.set(e.getKey(), v);
            }
        });
        return out;
    }

    private static String sysId(ApiRequest req) {
        String id = req.pathParam("sysId");
        if (!id.matches("[0-9a-fA-F]{32}")) {
            throw ApiException.notFound("ServiceNow record " + id);
        }
        return id;
    }

    private static void copy(Body b, ObjectNode record, String field, int max) {
        String v = b.string(field, false, max);
        if (v != null) {
            record.put(field, v);
        }
    }

    /** 1 (High) .. max; the seed sends them as strings ("1") or numbers. */
    private static void level(Body b, ObjectNode record, String field, int max) {
        if (!b.has(field)) {
            return;
        }
        String v = b.raw(field).asText();
        if (!v.matches("[1-9]") || Integer.parseInt(v) > max) {
            b.error("'" + field + "' must be 1.." + max + " (1 = High)");
            return;
        }
        record.put(field, v);
    }
}
