package io.ticketbridge.component.servicenow;

import io.ticketbridge.connector.ConnectorHeaders;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import org.apache.camel.Message;

/** One operation's inputs: the client, the resolved table, the message and the endpoint's options. */
record ServiceNowCall(ServiceNowClient client, ServiceNowComponent component, ServiceNowEndpoint endpoint,
                      Integration integration, String table, Message message) {

    /** sys_ids are 32 hex characters; anything else in a header would change the URL path. */
    private static final Pattern SYS_ID = Pattern.compile("[0-9a-fA-F]{32}");

    /** The record's sys_id from {@link io.ticketbridge.connector.ConnectorHeaders#REMOTE_ID}. */
    String recordId() {
        return sysId(ConnectorHeaders.REMOTE_ID);
    }

    /** The attachment's sys_id from {@link io.ticketbridge.connector.ConnectorHeaders#ITEM_ID}. */
    String itemId() {
        return sysId(ConnectorHeaders.ITEM_ID);
    }

    String tablePath() {
        return "/api/now/table/" + table;
    }

    String displayValue() {
        return endpoint.getDisplayValue();
    }

    boolean fresh() {
        return message.getHeader(ConnectorHeaders.FRESH, false, Boolean.class);
    }

    /** The body as a JSON object (empty when there is none). */
    ObjectNode body() {
        return jsonBody(message);
    }

    static ObjectNode jsonBody(Message message) {
        String text = message.getBody(String.class);
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? Json.object() : Json.read(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The servicenow-table body must be a JSON object: " + e.getMessage());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("The servicenow-table body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private String sysId(String header) {
        String v = message.getHeader(header, String.class);
        if (v == null || !SYS_ID.matcher(v).matches()) {
            throw new IllegalArgumentException("Header " + header + " must be a ServiceNow sys_id (32 hex characters)"
                    + (v == null ? "" : ", got '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'"));
        }
        return v;
    }
}
