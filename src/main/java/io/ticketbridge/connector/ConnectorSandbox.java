package io.ticketbridge.connector;

/**
 * A platform's part of the laptop sandbox (default profile only; prod refuses it): a simulator on
 * loopback and a ready integration. Listed in {@code META-INF/services/io.ticketbridge.connector.ConnectorSandbox};
 * started when {@code ticketbridge.sandbox.enabled} and {@code ticketbridge.sandbox.<key>.enabled} are true.
 */
public interface ConnectorSandbox {

    /** The settings key: ticketbridge.sandbox.&lt;key&gt;.enabled, .port. */
    String key();

    String title();

    /** Starts the simulator and makes sure its integration exists; the result is closed on shutdown. */
    AutoCloseable start(SandboxContext context) throws Exception;
}
