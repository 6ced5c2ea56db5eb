package io.ticketbridge.component.servicedeskplus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.connector.FlatConfig;

/**
 * Seed 000's configuration body: {@code url}, {@code api_key} (the on-prem technician key, stored as
 * {@code authtoken}), or Cloud's client_id / client_secret / refresh_token, plus the webhook secret and
 * settings side by side.
 */
final class SdpFlatConfig implements FlatConfig {

    @Override
    public Set<String> credentialKeys() {
        return Set.of("api_key", "authtoken", "technician_key", "client_id", "client_secret", "refresh_token",
                "webhook_secret");
    }

    @Override
    public String storedCredentialKey(String key) {
        return "api_key".equals(key) || "technician_key".equals(key) ? "authtoken" : key;
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("edition", "accounts_url", "max_requests_per_second", "timeout_ms", "auto_sync",
                "import_unlinked", "pull_page_size");
    }

    @Override
    public List<String> validate(Map<String, String> creds, ObjectNode config, boolean first) {
        List<String> problems = new ArrayList<>();
        String edition = config.path("edition").asText("onprem");
        if (!List.of("onprem", "cloud").contains(edition)) {
            problems.add("'edition' must be onprem or cloud");
            return problems;
        }
        if (first) {
            config.put("edition", edition);
            if ("onprem".equals(edition) && !creds.containsKey("authtoken")) {
                problems.add("'api_key' (technician key) is required for an on-prem ServiceDesk Plus");
            }
            if ("cloud".equals(edition) && !(creds.containsKey("client_id") && creds.containsKey("client_secret")
                    && creds.containsKey("refresh_token"))) {
                problems.add("'client_id', 'client_secret' and 'refresh_token' are required for ServiceDesk Plus Cloud");
            }
        }
        return problems;
    }
}
