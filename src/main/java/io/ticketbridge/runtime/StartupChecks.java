package io.ticketbridge.runtime;

import io.ticketbridge.config.Settings;

import java.util.ArrayList;
import java.util.List;

/** What the prod profile insists on before anything starts. */
public final class StartupChecks {

    private StartupChecks() {
    }

    public static void enforce(Settings settings) {
        if (!settings.isProd()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (settings.find("ticketbridge.admin-key").isEmpty()) {
            problems.add("missing TICKETBRIDGE_ADMIN_KEY");
        }
        if (settings.find("ticketbridge.master-key").isEmpty()) {
            problems.add("missing TICKETBRIDGE_MASTER_KEY");
        }
        if (settings.getBoolean("ticketbridge.sandbox.enabled", false)) {
            problems.add("sandbox parts enabled (set TICKETBRIDGE_SANDBOX_ENABLED=false)");
        }
        if (!problems.isEmpty()) {
            throw new StartupRefusedException("TicketBridge refuses to start with profile prod: "
                    + String.join("; ", problems));
        }
    }
}
