package io.ticketbridge.connector;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a sandbox may do: read settings and keep its ready integration in the default space. */
public interface SandboxContext {

    String setting(String key, String fallback);

    default int settingInt(String key, int fallback) {
        return Integer.parseInt(setting(key, String.valueOf(fallback)));
    }

    /**
     * Creates the named integration of the platform in the default space, or points the existing one at
     * this run's simulator (its base URL); returns its id.
     */
    String ensureIntegration(String platform, String name, String baseUrl, ObjectNode config,
                             Map<String, String> credentials);
}
