package io.ticketbridge.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The platforms an integration can be configured for, what credentials each needs and which
 * connector (Camel component) serves it. Platforms listed without a component can be configured
 * and stored, but their operations answer that no connector is installed yet.
 */
public final class PlatformCatalog {

    /**
     * @param scheme     the Camel component scheme, or null when no connector is available yet
     * @param jobKinds   operations that can be queued as outbox jobs
     * @param actions    operations accepted by POST /api/integrations/{id}/execute
     * @param aliases    path aliases such as "manageengine-servicedesk"
     */
    public record Platform(String name, String title, String scheme, boolean baseUrlRequired,
                           List<String> requiredCredentials, Set<String> jobKinds, Set<String> actions,
                           List<String> aliases) {
        public boolean available() {
            return scheme != null;
        }
    }

    private final Map<String, Platform> platforms = new LinkedHashMap<>();

    /** The platforms the product knows; each is listed, and works once its connector is installed. */
    public PlatformCatalog() {
        for (String[] p : new String[][] {
                {"webhook", "Generic outbound webhook"}, {"servicedeskplus", "ManageEngine ServiceDesk Plus"},
                {"servicenow", "ServiceNow"},
                {"zendesk", "Zendesk"}, {"freshdesk", "Freshdesk"}, {"ensono", "Ensono ITSM bridge"},
                {"slack", "Slack"}, {"trello", "Trello"}, {"notion", "Notion"}, {"google-sheets", "Google Sheets"}}) {
            register(new Platform(p[0], p[1], null, false, List.of(), Set.of(), Set.of(), List.of()));
        }
    }

    /** Installs a discovered connector's platform. */
    public void register(Connector c) {
        register(new Platform(c.platform(), c.title(), c.scheme(), c.baseUrlRequired(), c.requiredCredentials(),
                c.jobKinds(), c.actions(), c.aliases()));
    }

    /** Installs or replaces a platform. */
    public void register(Platform platform) {
        platforms.put(platform.name(), platform);
    }

    public Optional<Platform> find(String name) {
        return Optional.ofNullable(name == null ? null : platforms.get(name));
    }

    /** The platform whose alias (e.g. "manageengine-servicedesk") is this path segment. */
    public Optional<Platform> byAlias(String alias) {
        return platforms.values().stream().filter(p -> p.aliases().contains(alias)).findFirst();
    }

    public List<String> names() {
        return List.copyOf(platforms.keySet());
    }
}
