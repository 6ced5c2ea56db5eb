package io.ticketbridge.sandbox.servicenow;

import java.util.Map;

import io.ticketbridge.connector.ConnectorSandbox;
import io.ticketbridge.connector.SandboxContext;
import io.ticketbridge.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Laptop sandbox part: a ServiceNow simulator on loopback (ticketbridge.sandbox.servicenow.port, 8093) and a
 * ready integration ("ServiceNow (sandbox)", Basic auth) in the default space, so seed 002's API and the
 * desk endpoints work offline. Never in prod.
 */
public final class ServiceNowSandbox implements ConnectorSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNowSandbox.class);
    static final String NAME = "ServiceNow (sandbox)";
    static final String USER = "ticketbridge.integration";
    static final String PASSWORD = "sandbox-password";
    static final String WEBHOOK_SECRET = "sandbox-servicenow-webhook-secret";

    @Override
    public String key() {
        return "servicenow";
    }

    @Override
    public String title() {
        return "ServiceNow simulator";
    }

    @Override
    public AutoCloseable start(SandboxContext ctx) {
        ServiceNowSimulator sim = ServiceNowSimulator.builder()
                .port(ctx.settingInt("ticketbridge.sandbox.servicenow.port", 8093)).user(USER, PASSWORD)
                .rateLimitPerSecond(ctx.settingInt("ticketbridge.sandbox.servicenow.requests-per-second", 20))
                .start();
        ctx.ensureIntegration("servicenow", NAME, sim.baseUrl(),
                Json.object().put("table", "incident").put("max_requests_per_second", 20),
                Map.of("username", USER, "password", PASSWORD, "webhook_secret", WEBHOOK_SECRET));
        LOG.info("Sandbox: ServiceNow simulator on {} (integration '{}', Basic user {}; its password and webhook"
                + " secret are in the README's sandbox section)", sim.baseUrl(), NAME, USER);
        return sim::close;
    }
}
