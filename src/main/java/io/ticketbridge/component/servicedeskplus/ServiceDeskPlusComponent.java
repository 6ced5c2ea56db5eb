package io.ticketbridge.component.servicedeskplus;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code servicedeskplus:operation}: ManageEngine ServiceDesk Plus REST API v3 (on-prem authtoken or
 * Cloud Zoho OAuth). The integration (base URL, edition, credentials) is named by the exchange's
 * TicketBridgeIntegrationId header. The component owns the token cache and the read cache.
 */
@Component("servicedeskplus")
public final class ServiceDeskPlusComponent extends DefaultComponent {

    private final SdpAuth auth = new SdpAuth();
    private final SdpCache cache = new SdpCache();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ServiceDeskPlusEndpoint endpoint = new ServiceDeskPlusEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    SdpAuth auth() {
        return auth;
    }

    SdpCache cache() {
        return cache;
    }

    /** Drops cached reads of one request (e.g. after a webhook said it changed). */
    public void invalidate(String integrationId, String requestId) {
        cache.invalidate(integrationId, requestId);
    }
}
