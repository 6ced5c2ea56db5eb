package io.ticketbridge.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A configured connector instance. Credentials never leave the store in clear: this record only
 * carries the sealed form (never serialised) and the names of the fields that are set.
 */
public record Integration(String id, String spaceId, String platform, String name, String baseUrl,
                          ObjectNode config, @JsonIgnore String sealedCredentials, List<String> credentialFields,
                          boolean enabled, Instant createdAt, Instant updatedAt) {

    public String configText(String key, String fallback) {
        var node = config == null ? null : config.get(key);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    public int configInt(String key, int fallback) {
        var node = config == null ? null : config.get(key);
        return node == null || !node.canConvertToInt() ? fallback : node.asInt();
    }

    public boolean configBool(String key, boolean fallback) {
        var node = config == null ? null : config.get(key);
        return node == null || !node.isBoolean() ? fallback : node.asBoolean();
    }
}
