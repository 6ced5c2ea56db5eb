package io.ticketbridge.sandbox;

import java.util.Map;

import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.config.Settings;
import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.store.Hub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Laptop sandbox part: a ServiceDesk Plus simulator on loopback and a ready integration
 * ("ServiceDesk Plus (sandbox)") in the default space, so the SDP endpoints work offline. Never
 * in prod (the start-up checks refuse sandbox parts there).
 */
public final class SdpSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SdpSandbox.class);
    static final String NAME = "ServiceDesk Plus (sandbox)";
    static final String TOKEN = "sandbox-sdp-technician-key";
    static final String WEBHOOK_SECRET = "sandbox-sdp-webhook-secret";

    private final SdpSimulator simulator;

    private SdpSandbox(SdpSimulator simulator) {
        this.simulator = simulator;
    }

    public static SdpSandbox start(Settings settings, Hub hub, String spaceId) {
        int port = settings.getInt("ticketbridge.sandbox.sdp.port", 8092);
        SdpSimulator sim = SdpSimulator.start(new SdpSimulator.Options().port(port).authtoken(TOKEN)
                .groups("IT Support", "Network", "Service Desk").categories("Request", "Network", "Hardware", "Software"));
        hub.jdbi.useTransaction(h -> {
            Integration existing = hub.integrations.list(h, spaceId, "servicedeskplus").stream()
                    .filter(i -> NAME.equals(i.name())).findFirst().orElse(null);
            if (existing == null) {
                hub.integrations.create(h, spaceId, "servicedeskplus", NAME, sim.baseUrl(),
                        Json.object().put("edition", "onprem").put("max_requests_per_second", 20),
                        Map.of("authtoken", TOKEN, "webhook_secret", WEBHOOK_SECRET), true);
            } else {
                hub.integrations.update(h, existing, null, sim.baseUrl(), null, null, null);
            }
        });
        LOG.info("Sandbox: ServiceDesk Plus simulator on {} (integration '{}', webhook secret '{}')", sim.baseUrl(),
                NAME, WEBHOOK_SECRET);
        return new SdpSandbox(sim);
    }

    public SdpSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
