package io.ticketbridge.component.servicenow;

import io.ticketbridge.connector.ConnectorHeaders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ticket-level operations on incident / change_request records through the Table API. */
final class ServiceNowRecords {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowRecords.class);
    static final Set<String> QUERY_KEYS = Set.of("table", "sysparm_query", "sysparm_fields", "sysparm_limit",
            "sysparm_display_value", "sysparm_offset", "max_rows");
    /** Reference fields that relate one task to another; linkTickets writes only these. */
    static final Set<String> LINK_FIELDS = Set.of("parent_incident", "parent", "rfc", "caused_by", "problem_id");
    private static final String RESOLUTION_FIELDS = "sys_id,number,state,close_code,close_notes,resolved_at,"
            + "resolved_by,closed_at,closed_by";

    private ServiceNowRecords() {
    }

    static JsonNode test(ServiceNowCall c) {
        c.client().get(c.client().uri(c.tablePath(), params("sysparm_fields", "sys_id", "sysparm_limit", "1")));
        return Json.object().put("ok", true).put("table", c.table());
    }

    static JsonNode get(ServiceNowCall c, String fields) {
        return c.client().get(c.client().uri(c.tablePath() + "/" + c.recordId(),
                params("sysparm_fields", fields, "sysparm_display_value", c.displayValue())));
    }

    /** The query object of DeskMapper.changedSinceQuery / createdSinceQuery; every page, up to maxRows. */
    static JsonNode list(ServiceNowCall c, ObjectNode query) {
        query.fieldNames().forEachRemaining(k -> {
            if (!QUERY_KEYS.contains(k)) {
                throw new IllegalArgumentException("listTickets query has an unknown key '" + k + "'; allowed: "
                        + QUERY_KEYS);
            }
        });
        int limit = query.path("sysparm_limit").asInt(100);
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("listTickets sysparm_limit must be 1..10000, got " + limit);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sysparm_query", text(query.get("sysparm_query")));
        p.put("sysparm_fields", text(query.get("sysparm_fields")));
        p.put("sysparm_display_value", query.hasNonNull("sysparm_display_value")
                ? ServiceNowEndpoint.checkDisplayValue(query.get("sysparm_display_value").asText()) : c.displayValue());
        p.put("sysparm_limit", String.valueOf(limit));
        if (query.hasNonNull("sysparm_offset")) {
            p.put("sysparm_offset", String.valueOf(Math.max(0, query.get("sysparm_offset").asInt())));
        }
        // max_rows: one search page reads no further than it shows (plus one, to know whether more follow)
        int maxRows = query.hasNonNull("max_rows")
                ? Math.max(1, Math.min(c.endpoint().getMaxRows(), query.get("max_rows").asInt()))
                : c.endpoint().getMaxRows();
        ObjectNode out = Json.object();
        out.set("result", c.client().listAll(c.client().uri(c.tablePath(), p), maxRows));
        return out;
    }

    static JsonNode create(ServiceNowCall c, ObjectNode body) {
        prepareState(c, body);
        JsonNode created;
        try {
            created = c.client().write("POST", c.client().uri(c.tablePath(),
                    params("sysparm_display_value", c.displayValue())), body);
        } catch (DeskUnavailableException e) {
            if (e.statusCode() != 0) {
                throw e;
            }
            // no answer: the record may exist. Retry late enough for it to show in a query, so the retry
            // adopts it (createdSinceQuery) instead of creating a second one; the Table API has no idempotency key
            throw new DeskUnavailableException(e.getMessage() + " (create outcome unknown)", 0,
                    java.time.Duration.ofMillis(c.integration().configInt("uncertain_create_retry_ms", 60_000)), e);
        }
        String id = text(created.path("result").get("sys_id"));
        if (id != null) {
            c.message().setHeader(ConnectorHeaders.REMOTE_ID, id);
        }
        return created;
    }

    static JsonNode update(ServiceNowCall c, ObjectNode body) {
        prepareState(c, body);
        return patch(c, body, null);
    }

    static JsonNode delete(ServiceNowCall c) {
        String id = c.recordId();
        c.client().write("DELETE", c.client().uri(c.tablePath() + "/" + id, Map.of()), null);
        ObjectNode out = Json.object();
        out.putObject("result").put("sys_id", id).put("deleted", true);
        return out;
    }

    /** Incident: state 6 (Resolved) with close_code + close_notes in the same PATCH; change: the close fields. */
    static JsonNode setResolution(ServiceNowCall c, ObjectNode body) {
        if (ServiceNowOperations.INCIDENT.equals(c.table())) {
            body.put("state", "6");
        }
        fillCloseCode(c, body);
        return patch(c, body, null);
    }

    static JsonNode getResolution(ServiceNowCall c) {
        return get(c, RESOLUTION_FIELDS);
    }

    /**
     * Incident: resolve, then close (state 7) only when the integration's allow_direct_close is true
     * (closing needs itil_admin; otherwise the instance's auto-close does it). Change: state 3.
     */
    static JsonNode close(ServiceNowCall c, ObjectNode body) {
        if (!ServiceNowOperations.INCIDENT.equals(c.table())) {
            body.put("state", "3");
            fillCloseCode(c, body);
            return patch(c, body, null);
        }
        JsonNode resolved = setResolution(c, body);
        if (!c.integration().configBool("allow_direct_close", false)) {
            LOG.info("ServiceNow integration {}: {} resolved, not closed (allow_direct_close is false)",
                    c.integration().id(), c.recordId());
            return resolved;
        }
        return patch(c, Json.object().put("state", "7"), null);
    }

    static JsonNode link(ServiceNowCall c, ObjectNode body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("linkTickets needs a body such as {\"parent_incident\":\"<sys_id>\"}");
        }
        body.fields().forEachRemaining(f -> {
            if (!LINK_FIELDS.contains(f.getKey()) || !f.getValue().asText().matches("[0-9a-fA-F]{32}")) {
                throw new IllegalArgumentException("linkTickets sets only " + LINK_FIELDS + " to a sys_id, got "
                        + f.getKey());
            }
        });
        return patch(c, body, "sys_id,number," + String.join(",", new java.util.TreeSet<>(LINK_FIELDS)));
    }

    static JsonNode listLinks(ServiceNowCall c) {
        return get(c, "sys_id,number," + String.join(",", new java.util.TreeSet<>(LINK_FIELDS)));
    }

    static JsonNode patch(ServiceNowCall c, ObjectNode body, String fields) {
        return c.client().write("PATCH", c.client().uri(c.tablePath() + "/" + c.recordId(),
                params("sysparm_fields", fields, "sysparm_display_value", c.displayValue())), body);
    }

    /** Resolve/close states need close_code (checked against the instance) and a permitted state. */
    private static void prepareState(ServiceNowCall c, ObjectNode body) {
        String state = text(body.get("state"));
        if (ServiceNowOperations.INCIDENT.equals(c.table())) {
            if ("7".equals(state) && !c.integration().configBool("allow_direct_close", false)) {
                // the integration user is not allowed to close: resolve, the instance's auto-close follows
                body.put("state", "6");
                state = "6";
            }
            if ("6".equals(state) || "7".equals(state)) {
                fillCloseCode(c, body);
            }
        } else if ("3".equals(state)) {
            fillCloseCode(c, body);
        }
    }

    private static void fillCloseCode(ServiceNowCall c, ObjectNode body) {
        String requested = text(body.get("close_code"));
        if (requested == null) {
            requested = configuredCloseCode(c);
        }
        String code = c.component().closeCodes().choose(c.client(), c.table(), requested, c.fresh());
        if (code != null) {
            body.put("close_code", code);
        }
    }

    /** close_code_default: one code, or per table {"incident": "...", "change_request": "..."}. */
    private static String configuredCloseCode(ServiceNowCall c) {
        JsonNode node = c.integration().config() == null ? null : c.integration().config().get("close_code_default");
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isObject() ? text(node.get(c.table())) : text(node);
    }

    /** A plain value, or the value of a display-value object {display_value, value, link}. */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            return text(n.get("value"));
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
