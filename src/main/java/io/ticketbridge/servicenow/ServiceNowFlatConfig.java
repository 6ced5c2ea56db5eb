package io.ticketbridge.servicenow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.connector.FlatConfig;

/**
 * The flat body of {@code POST /api/integrations/servicenow} and of seed 002's
 * {@code /api/servicenow/config}: {@code instance_url} (or url), {@code username} + {@code password} (Basic,
 * or the OAuth password grant with {@code client_id} + {@code client_secret}), or {@code client_id} +
 * {@code client_secret} alone (client-credentials grant); {@code webhook_secret} for inbound webhooks.
 */
final class ServiceNowFlatConfig implements FlatConfig {

    @Override
    public Set<String> credentialKeys() {
        return Set.of("username", "password", "client_id", "client_secret", "webhook_secret");
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("table", "max_requests_per_second", "timeout_ms", "allow_direct_close", "close_code_default",
                "auto_sync", "import_unlinked", "pull_page_size");
    }

    @Override
    public List<String> validate(Map<String, String> creds, ObjectNode config, boolean first) {
        List<String> problems = new ArrayList<>();
        String table = config.path("table").asText("incident");
        if (!List.of("incident", "change_request").contains(table)) {
            problems.add("'table' must be incident or change_request");
        }
        boolean basic = creds.containsKey("username") && creds.containsKey("password");
        boolean client = creds.containsKey("client_id") && creds.containsKey("client_secret");
        if (first && !basic && !client) {
            problems.add("'username' and 'password' (or 'client_id' and 'client_secret' for OAuth) are required");
        }
        if (creds.containsKey("username") != creds.containsKey("password") && first) {
            problems.add("'username' and 'password' go together");
        }
        return problems;
    }
}
