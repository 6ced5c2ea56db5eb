package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** JSON plumbing shared by the simulator: mappers, SDP datetime objects and success statuses. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Tolerates single-quoted JSON, as some real clients (Splunk's connector) send Python reprs. */
    static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    // SDP renders display values in the portal's zone and locale; UTC keeps test output stable.
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("MMM d, yyyy hh:mm a", Locale.US).withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** An SDP datetime: {@code {"value":"<epoch ms>","display_value":"Jun 3, 2024 04:00 PM"}}. */
    static ObjectNode datetime(long epochMillis) {
        ObjectNode node = object();
        node.put("value", Long.toString(epochMillis));
        node.put("display_value", DISPLAY.format(Instant.ofEpochMilli(epochMillis)));
        return node;
    }

    static ObjectNode successStatus() {
        ObjectNode status = object();
        status.put("status_code", 2000);
        status.put("status", "success");
        return status;
    }

    /** Single-object endpoints answer with a status object. */
    static ObjectNode success(String rootKey, JsonNode payload) {
        ObjectNode body = object();
        if (rootKey != null) {
            body.set(rootKey, payload);
        }
        body.set("response_status", successStatus());
        return body;
    }

    /** List endpoints answer with {@code response_status} as an array. */
    static ObjectNode successList(String listKey, ArrayNode items, ObjectNode listInfo) {
        ObjectNode body = object();
        body.set(listKey, items);
        if (listInfo != null) {
            body.set("list_info", listInfo);
        }
        body.set("response_status", array().add(successStatus()));
        return body;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static boolean isBlank(JsonNode node) {
        String text = text(node);
        return text == null || text.isBlank();
    }
}
