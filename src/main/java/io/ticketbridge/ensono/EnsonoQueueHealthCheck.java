package io.ticketbridge.ensono;

import java.util.Map;

import io.ticketbridge.model.Integration;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the Ensono inbound queues: per integration its transport, depth, age of the oldest
 * message, parked messages and raised alarms. DOWN while a queue cannot be read.
 */
public final class EnsonoQueueHealthCheck extends AbstractHealthCheck {

    private final EnsonoBridge bridge;
    private final EnsonoInbound inbound;

    public EnsonoQueueHealthCheck(EnsonoBridge bridge, EnsonoInbound inbound) {
        super("ticketbridge", "ensono-queue");
        this.bridge = bridge;
        this.inbound = inbound;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean down = false;
        StringBuilder failing = new StringBuilder();
        for (Integration i : bridge.allIntegrations()) {
            if (!i.enabled() || "none".equals(EnsonoInbound.transportKind(i))) {
                continue;
            }
            Map<String, Object> d = inbound.monitor().describe(i.id());
            d.forEach((k, v) -> builder.detail(i.id() + "." + k, v == null ? "" : v));
            if (inbound.monitor().failing(i.id())) {
                down = true;
                failing.append(i.id()).append(": ").append(d.get("last_error")).append("; ");
            }
        }
        if (down) {
            builder.message("Ensono queue unreachable: " + failing).down();
        } else {
            builder.up();
        }
    }
}
