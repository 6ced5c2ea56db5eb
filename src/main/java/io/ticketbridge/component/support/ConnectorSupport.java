package io.ticketbridge.component.support;

import io.ticketbridge.connector.ConnectorHeaders;

import java.time.Duration;

import io.ticketbridge.model.Integration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;

/** Lookups every connector producer needs. */
public final class ConnectorSupport {


    private ConnectorSupport() {
    }

    public static IntegrationDirectory directory(CamelContext context) {
        IntegrationDirectory d = context.getRegistry().lookupByNameAndType(IntegrationDirectory.BEAN_NAME,
                IntegrationDirectory.class);
        if (d == null) {
            throw new RuntimeCamelException("No " + IntegrationDirectory.BEAN_NAME + " bean in the registry");
        }
        return d;
    }

    public static DeskHttpClient http(CamelContext context) {
        DeskHttpClient c = context.getRegistry().findSingleByType(DeskHttpClient.class);
        if (c == null) {
            throw new RuntimeCamelException("No DeskHttpClient bean in the registry");
        }
        return c;
    }

    /** The integration named by the exchange's TicketBridgeIntegrationId header. */
    public static Integration integration(Exchange exchange, String expectedPlatform) {
        String id = exchange.getMessage().getHeader(ConnectorHeaders.INTEGRATION_ID, String.class);
        if (id == null) {
            throw new IllegalArgumentException("Header " + ConnectorHeaders.INTEGRATION_ID + " is required");
        }
        Integration integration = directory(exchange.getContext()).find(id)
                .orElseThrow(() -> new IllegalArgumentException("Integration " + id + " does not exist"));
        if (!expectedPlatform.equals(integration.platform())) {
            throw new IllegalArgumentException("Integration " + id + " is a " + integration.platform()
                    + " integration, not " + expectedPlatform);
        }
        return integration;
    }

    public static Duration timeout(Integration integration, long defaultMillis) {
        return Duration.ofMillis(Math.max(100, integration.configInt("timeout_ms", (int) defaultMillis)));
    }
}
