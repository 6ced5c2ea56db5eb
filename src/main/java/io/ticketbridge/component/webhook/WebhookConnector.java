package io.ticketbridge.component.webhook;

import java.util.Set;

import io.ticketbridge.connector.Connector;

/** The generic outbound webhook: POSTs a job's payload (signed when a signing_secret is set). */
public final class WebhookConnector implements Connector {

    @Override
    public String platform() {
        return WebhookProducer.PLATFORM;
    }

    @Override
    public String title() {
        return "Generic outbound webhook";
    }

    @Override
    public String scheme() {
        return "outbound-webhook";
    }

    @Override
    public Set<String> jobKinds() {
        return Set.of("post");
    }

    @Override
    public Set<String> actions() {
        return Set.of("post", "test");
    }
}
