package io.ticketbridge.connector;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The flat body of {@code POST /api/integrations/<alias>} (seed 000's shape: url, api key and settings
 * side by side): which keys are credentials, which are config, and what a first configuration needs.
 */
public interface FlatConfig {

    /** Keys whose values are credentials (write-only). */
    Set<String> credentialKeys();

    /** A credential key as stored, for a key the seed spells differently (api_key → authtoken). */
    default String storedCredentialKey(String key) {
        return key;
    }

    /** Keys copied into the integration's config. */
    Set<String> configKeys();

    /**
     * Problems with a configuration: {@code first} when it creates the integration (required credentials),
     * always for config values. May add defaults to {@code config}.
     */
    List<String> validate(Map<String, String> credentials, ObjectNode config, boolean first);
}
