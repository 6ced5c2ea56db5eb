package io.ticketbridge.component.servicenow;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code servicenow-table:operation}: ServiceNow's Table and Attachment APIs (Basic or OAuth). The
 * component owns what all its endpoints share per integration: the OAuth token cache, the 429 pause
 * and the close-code cache.
 */
@Component("servicenow-table")
public final class ServiceNowComponent extends DefaultComponent {

    private volatile Clock clock = Clock.systemUTC();
    private final ServiceNowAuth auth = new ServiceNowAuth(this::now);
    private final ServiceNowRateLimits rateLimits = new ServiceNowRateLimits(this::now);
    private final ServiceNowCloseCodes closeCodes = new ServiceNowCloseCodes();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ServiceNowEndpoint endpoint = new ServiceNowEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    /** The clock token expiry and rate-limit pauses are measured on (tests move it). */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    ServiceNowAuth auth() {
        return auth;
    }

    ServiceNowRateLimits rateLimits() {
        return rateLimits;
    }

    ServiceNowCloseCodes closeCodes() {
        return closeCodes;
    }
}
