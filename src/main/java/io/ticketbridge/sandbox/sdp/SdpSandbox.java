package io.ticketbridge.sandbox.sdp;

import java.util.Map;

import io.ticketbridge.connector.ConnectorSandbox;
import io.ticketbridge.connector.SandboxContext;
import io.ticketbridge.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Laptop sandbox part: a ServiceDesk Plus simulator on loopback (ticketbridge.sandbox.sdp.port, 8092) and
 * a ready integration ("ServiceDesk Plus (sandbox)") in the default space, so the SDP endpoints work
 * offline. Never in prod (the start-up checks refuse sandbox parts there).
 */
public final class SdpSandbox implements ConnectorSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(SdpSandbox.class);
    static final String NAME = "ServiceDesk Plus (sandbox)";
    static final String TOKEN = "sandbox-sdp-technician-key";
    static final String WEBHOOK_SECRET = "sandbox-sdp-webhook-secret";

    @Override
    public String key() {
        return "sdp";
    }

    @Override
    public String title() {
        return "ServiceDesk Plus simulator";
    }

    @Override
    public AutoCloseable start(SandboxContext ctx) {
        int port = ctx.settingInt("ticketbridge.sandbox.sdp.port", 8092);
        SdpSimulator sim = SdpSimulator.start(new SdpSimulator.Options().port(port).authtoken(TOKEN)
                .groups("IT Support", "Network", "Service Desk").categories("Request", "Network", "Hardware", "Software"));
        ctx.ensureIntegration("servicedeskplus", NAME, sim.baseUrl(),
                Json.object().put("edition", "onprem").put("max_requests_per_second", 20),
                Map.of("authtoken", TOKEN, "webhook_secret", WEBHOOK_SECRET));
        LOG.info("Sandbox: ServiceDesk Plus simulator on {} (integration '{}', webhook secret '{}')", sim.baseUrl(),
                NAME, WEBHOOK_SECRET);
        return sim::close;
    }
}
