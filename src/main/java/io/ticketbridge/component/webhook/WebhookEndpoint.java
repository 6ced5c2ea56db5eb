package io.ticketbridge.component.webhook;

import java.util.Set;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Sends the message body as JSON to the integration's base URL (plus its configured {@code path}),
 * with the integration's credentials: a bearer token, a named API-key header, basic auth, and an
 * optional HMAC-SHA256 signature over timestamp and body.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "outbound-webhook", title = "Outbound webhook",
        syntax = "outbound-webhook:operation", producerOnly = true, category = {Category.HTTP})
public final class WebhookEndpoint extends DefaultEndpoint {

    static final Set<String> OPERATIONS = Set.of("post", "test");

    /** post: send the body; test: check the endpoint answers (any status below 500). */
    @UriPath(enums = "post,test")
    @Metadata(required = true)
    private String operation;

    /** Request timeout when the integration config has no timeout_ms. */
    @UriParam(defaultValue = "30000")
    private long timeoutMillis = 30_000;

    WebhookEndpoint(String uri, WebhookComponent component, String operation) {
        super(uri, component);
        this.operation = operation;
    }

    void validate() {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("outbound-webhook operation must be one of " + OPERATIONS
                    + ", got '" + operation + "'");
        }
    }

    @Override
    public Producer createProducer() {
        return new WebhookProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("outbound-webhook has no consumer");
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }
}
