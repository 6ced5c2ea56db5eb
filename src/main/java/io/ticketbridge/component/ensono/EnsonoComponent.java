package io.ticketbridge.component.ensono;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** {@code ensono:operation}: calls to Ensono's ITSM bridge ("Envision Connect 2") for one integration. */
@Component("ensono")
public final class EnsonoComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EnsonoEndpoint endpoint = new EnsonoEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }
}
