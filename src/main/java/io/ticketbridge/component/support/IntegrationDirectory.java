package io.ticketbridge.component.support;

import java.util.Map;
import java.util.Optional;

import io.ticketbridge.model.Integration;

/**
 * How a connector finds its integration (base URL, config) and credentials. Connectors look up the
 * integration by the id in the {@code TicketBridgeIntegrationId} header: outbound URLs always come
 * from stored configuration, never from message data.
 */
public interface IntegrationDirectory {

    String BEAN_NAME = "integrationDirectory";

    Optional<Integration> find(String integrationId);

    Map<String, String> credentials(Integration integration);
}
