package io.ticketbridge.component.servicenow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close_code choices of each instance and table, read from sys_choice and cached for 10 min:
 * they differ by release and by customer (classic "Solved (Permanently)", current "Solution
 * provided", changes "successful"), so none is hard-coded. A close code is checked against them
 * before a resolve is sent, turning a data-policy 403 into a clear message naming the choices.
 */
final class ServiceNowCloseCodes {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowCloseCodes.class);

    private final Cache<String, ArrayNode> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(1_000).build();

    /** Active choices as {value, label, sequence}, one per value (sys_choice has a row per language). */
    ArrayNode list(ServiceNowClient client, String table, boolean fresh) {
        String key = client.integration().id() + "|" + table;
        if (fresh) {
            cache.invalidate(key);
        }
        return cache.get(key, k -> read(client, table));
    }

    /**
     * The close code to send: {@code requested} (the body's, else the integration's
     * close_code_default) when the instance offers it, matched by value or by label. When the
     * instance's choices cannot be read (no ACL on sys_choice), {@code requested} goes unchecked.
     */
    String choose(ServiceNowClient client, String table, String requested, boolean fresh) {
        ArrayNode choices;
        try {
            choices = list(client, table, fresh);
        } catch (DeskAuthenticationException e) {
            if (e.statusCode() != 403) {
                throw e;
            }
            LOG.warn("ServiceNow integration {}: sys_choice is not readable (403), close code {} sent unchecked",
                    client.integration().id(), requested);
            return requested;
        }
        List<String> values = new ArrayList<>();
        choices.forEach(c -> values.add(c.path("value").asText()));
        if (requested == null || requested.isBlank()) {
            if (values.isEmpty()) {
                return null;
            }
            throw rejected("No close code for " + table + ": set the integration's close_code_default to one of "
                    + values);
        }
        for (JsonNode c : choices) {
            if (c.path("value").asText().equals(requested) || c.path("label").asText().equalsIgnoreCase(requested)) {
                return c.path("value").asText();
            }
        }
        if (values.isEmpty()) {
            return requested;
        }
        throw rejected("Close code '" + requested + "' is not an active close_code choice of " + table
                + " on this instance; choices: " + values);
    }

    private static ArrayNode read(ServiceNowClient client, String table) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sysparm_query", ServiceNowQuery.where("name", "=", table).and("element", "=", "close_code")
                .and("inactive", "=", "false").orderBy("sequence").build());
        params.put("sysparm_fields", "value,label,sequence");
        params.put("sysparm_limit", "100");
        ArrayNode rows = client.listAll(client.uri("/api/now/table/sys_choice", params), 1_000);
        Map<String, JsonNode> byValue = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String value = ServiceNowRecords.text(row.get("value"));
            if (value != null && !byValue.containsKey(value)) {
                byValue.put(value, Json.object().put("value", value)
                        .put("label", ServiceNowRecords.text(row.get("label")))
                        .put("sequence", ServiceNowRecords.text(row.get("sequence"))));
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        byValue.values().forEach(out::add);
        return out;
    }

    private static ServiceNowRejectedException rejected(String message) {
        return new ServiceNowRejectedException(message, 0, ServiceNowRejectedException.Reason.CLOSE_CODE, null, null,
                null);
    }
}
