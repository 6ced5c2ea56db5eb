package io.ticketbridge.component.support;

import io.ticketbridge.connector.ConnectorHeaders;

import io.ticketbridge.connector.PlatformCatalog;

import io.ticketbridge.connector.DeskException;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Synchronous calls to a connector for the management API (test, health, execute). The endpoint is
 * the platform's component with an operation taken from the platform's closed action list.
 */
public final class ConnectorGateway {

    private final ProducerTemplate template;
    private final PlatformCatalog catalog;

    public ConnectorGateway(ProducerTemplate template, PlatformCatalog catalog) {
        this.template = template;
        this.catalog = catalog;
    }

    public record TestResult(boolean success, String message, long responseTimeMillis, Integer status) {
    }

    public TestResult test(Integration integration) {
        long start = System.nanoTime();
        try {
            JsonNode out = call(integration, "test", Json.object());
            Integer status = out != null && out.has("status") ? out.get("status").asInt() : null;
            return new TestResult(true, "Connection successful", millis(start), status);
        } catch (DeskException e) {
            return new TestResult(false, e.getMessage(), millis(start), e.statusCode() == 0 ? null : e.statusCode());
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return new TestResult(false, e.getMessage(), millis(start), null);
        }
    }

    /** Runs an action; DeskExceptions propagate for the caller to map to an HTTP answer. */
    public JsonNode call(Integration integration, String action, JsonNode parameters) {
        return call(integration, action, parameters, Map.of());
    }

    /** Runs an action with extra headers (e.g. the vendor ticket id); the answer as JSON. */
    public JsonNode call(Integration integration, String action, JsonNode parameters, Map<String, Object> headers) {
        Object body = send(integration, action, parameters, headers);
        String text = body instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                : body == null ? null : body.toString();
        if (text == null || text.isBlank()) {
            return Json.object();
        }
        try {
            return Json.read(text);
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        }
    }

    /** Runs an action and returns the raw answer body (bytes for downloads). */
    public Object send(Integration integration, String action, JsonNode parameters, Map<String, Object> headers) {
        PlatformCatalog.Platform platform = catalog.find(integration.platform())
                .orElseThrow(() -> new IllegalArgumentException("Unknown platform " + integration.platform()));
        if (!platform.available()) {
            throw new UnsupportedOperationException("No connector for platform " + platform.name()
                    + " is installed in this version");
        }
        if (!platform.actions().contains(action)) {
            throw new IllegalArgumentException("Action '" + action + "' is not supported by " + platform.name()
                    + "; supported: " + platform.actions());
        }
        Exchange result = template.send(platform.scheme() + ":" + action, e -> {
            e.getIn().setHeaders(new java.util.HashMap<>(headers));
            e.getIn().setHeader(ConnectorHeaders.INTEGRATION_ID, integration.id());
            e.getIn().setHeader(ConnectorHeaders.PLATFORM, integration.platform());
            e.getIn().setBody(Json.write(parameters));
        });
        if (result.getException() != null) {
            Exception ex = result.getException();
            if (ex instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        return result.getMessage().getBody();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
