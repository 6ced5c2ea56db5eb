package io.ticketbridge.connector;

import java.util.List;
import java.util.Set;

/**
 * One pluggable platform: what an integration of it needs and offers. Implementations are listed in
 * {@code META-INF/services/io.ticketbridge.connector.Connector} and discovered at start; the runtime
 * registers each in the {@link PlatformCatalog}, calls {@link #install} and, for a {@link DeskConnector},
 * wires it into the shared sync engine and desk API. Nothing shared names a platform.
 */
public interface Connector {

    /** The platform name integrations are created with ({@code "platform": "servicenow"}). */
    String platform();

    String title();

    /** The Camel component scheme its flows call; null when the platform has no component yet. */
    String scheme();

    /** Path aliases such as "manageengine-servicedesk" ({@code /api/integrations/<alias>/...}). */
    default List<String> aliases() {
        return List.of();
    }

    default boolean baseUrlRequired() {
        return true;
    }

    /** Credential keys a new integration must carry. */
    default List<String> requiredCredentials() {
        return List.of();
    }

    /** Outbox job kinds its flows run (POST /api/jobs, and the job dispatch). */
    default Set<String> jobKinds() {
        return Set.of();
    }

    /** Operations POST /api/integrations/{id}/execute accepts (passed to its component as the operation). */
    default Set<String> actions() {
        return Set.of();
    }

    /** Called once at start, before routes start: bind beans, register extra API routes, start an engine. */
    default void install(ConnectorContext context) {
    }
}
