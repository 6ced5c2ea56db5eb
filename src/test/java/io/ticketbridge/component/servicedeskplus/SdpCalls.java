package io.ticketbridge.component.servicedeskplus;

import io.ticketbridge.connector.ConnectorHeaders;

import java.util.Map;

import io.ticketbridge.component.support.ConnectorSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Sends one servicedeskplus operation through the running Camel context, as a route would. */
final class SdpCalls {

    private final ProducerTemplate template;
    private final String integrationId;
    Map<String, Object> lastHeaders = Map.of();

    SdpCalls(CamelContext context, String integrationId) {
        this.template = context.createProducerTemplate();
        this.integrationId = integrationId;
    }

    SdpCalls forIntegration(CamelContext context, String otherIntegrationId) {
        return new SdpCalls(context, otherIntegrationId);
    }

    Exchange send(String operation, Object body, Map<String, Object> headers) {
        Exchange e = template.send("servicedeskplus:" + operation, x -> {
            x.getIn().setHeaders(new java.util.HashMap<>(headers));
            x.getIn().setHeader(ConnectorHeaders.INTEGRATION_ID, integrationId);
            x.getIn().setBody(body);
        });
        lastHeaders = e.getMessage().getHeaders();
        return e;
    }

    /** The answer body as a string; fails when the operation threw. */
    String ok(String operation, Object body, Map<String, Object> headers) {
        Exchange e = send(operation, body, headers);
        if (e.getException() != null) {
            throw new AssertionError(operation + " failed: " + e.getException(), e.getException());
        }
        return e.getMessage().getBody(String.class);
    }

    Object raw(String operation, Object body, Map<String, Object> headers) {
        Exchange e = send(operation, body, headers);
        if (e.getException() != null) {
            throw new AssertionError(operation + " failed: " + e.getException(), e.getException());
        }
        return e.getMessage().getBody();
    }

    /** The exception the operation threw (fails when it succeeded). */
    Exception failure(String operation, Object body, Map<String, Object> headers) {
        Exchange e = send(operation, body, headers);
        if (e.getException() == null) {
            throw new AssertionError(operation + " succeeded but a failure was expected: "
                    + e.getMessage().getBody(String.class));
        }
        return e.getException();
    }
}
