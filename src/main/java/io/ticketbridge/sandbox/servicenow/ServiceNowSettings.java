package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Start-up settings of a {@link ServiceNowSimulator}, fixed at start; the builder is the only way to make them. */
final class ServiceNowSettings {

    /** The classic list is gone from current releases (connectors.md 6.3); this is ansible's current default. */
    static final List<String> DEFAULT_CLOSE_CODES = List.of("Duplicate", "Known error", "Resolved by caller",
            "Resolved by change", "Resolved by problem", "Solution provided", "Workaround provided", "User error");

    int port;
    int threads = 16;
    final Map<String, String> passwords = new LinkedHashMap<>();
    final Map<String, String> userNames = new LinkedHashMap<>();
    String clientId = "sandbox-oauth-client";
    String clientSecret = "sandbox-oauth-secret";
    boolean clientCredentialsGrant = true;
    String clientCredentialsUser;
    Duration accessTokenLifetime = Duration.ofSeconds(1799);
    Duration refreshTokenLifetime = Duration.ofDays(100);
    List<String> closeCodes = DEFAULT_CLOSE_CODES;
    boolean allowDirectClose;
    int rateLimitRequests;
    Duration rateLimitWindow = Duration.ofSeconds(1);
    int rateLimitBurst = 1;
    RateLimitHeaders rateLimitHeaders = RateLimitHeaders.FULL;
    int[] hiddenRowsPerPage = new int[0];
    SimClock clock = SimClock.system();
    long seed = System.nanoTime();
    boolean requireAcceptHeaders = true;
    boolean invalidQueryReturnsNoRows;
    int journalLimit = 10_000;
    List<String> groups = new ArrayList<>(List.of("Service Desk", "IT Support", "Network", "Hardware", "Software",
            "Database", "DevOps Team", "Release Management", "Change Management"));
    final Map<String, String> lookupUsers = new LinkedHashMap<>(Map.of("abel.tuter", "Abel Tuter",
            "beth.anglin", "Beth Anglin", "david.loo", "David Loo", "fred.luddy", "Fred Luddy", "admin",
            "System Administrator"));
    String agentUser = "beth.anglin";

    /** The user client_credentials tokens act as: the configured one, else the first API user. */
    String clientCredentialsUser() {
        return clientCredentialsUser != null ? clientCredentialsUser : passwords.keySet().iterator().next();
    }

    /** Every sys_user row to seed: API users first, then lookup users (user_name to display name). */
    Map<String, String> allUsers() {
        Map<String, String> all = new LinkedHashMap<>(userNames);
        lookupUsers.forEach(all::putIfAbsent);
        return all;
    }

    void validate() {
        if (passwords.isEmpty()) {
            passwords.put("ticketbridge.integration", "sandbox-password");
            userNames.put("ticketbridge.integration", "TicketBridge Integration");
        }
        if (!allUsers().containsKey(agentUser)) {
            throw new IllegalArgumentException("agent user " + agentUser + " is neither an API nor a lookup user");
        }
        if (!allUsers().containsKey(clientCredentialsUser())) {
            throw new IllegalArgumentException("client_credentials user " + clientCredentialsUser()
                    + " is neither an API nor a lookup user");
        }
        if (closeCodes.isEmpty()) {
            throw new IllegalArgumentException("an instance needs at least one close code");
        }
        for (int hidden : hiddenRowsPerPage) {
            if (hidden < 0) {
                throw new IllegalArgumentException("hidden rows per page must be >= 0");
            }
        }
    }
}
