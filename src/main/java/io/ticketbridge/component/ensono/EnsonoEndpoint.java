package io.ticketbridge.component.ensono;

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
 * Sends one bridge transaction for the integration named by the {@code TicketBridgeIntegrationId}
 * header (base URL, {@code client_name} and the {@code api_key} credential come from the stored
 * integration, never from the message). The body is the JSON request ({@code {"payload":{...}}}); the
 * Ensono ticket number of update, notes, returnptn, approve, reject and get is the {@code EnsonoTicketNumber}
 * header.
 * Inbound queue reading is not an endpoint: see {@code io.ticketbridge.queue}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "ensono", title = "Ensono ITSM bridge",
        syntax = "ensono:operation", producerOnly = true, category = {Category.HTTP})
public final class EnsonoEndpoint extends DefaultEndpoint {

    static final Set<String> OPERATIONS = Set.of("create", "update", "notes", "returnptn", "approve", "reject", "get",
            "test", "attach");

    /**
     * create (POST /tickets; the new number is returned in the EnsonoTicketNumber header), update
     * (PUT /tickets/{n}), notes (PUT /tickets/{n}/notes), returnptn (PUT /tickets/{n}/returnptn), approve
     * and reject (POST /tickets/{n}/approve|reject, the answer to a Change approval), get
     * (GET /tickets/{n}, dev only) or test (checks the bridge answers and accepts the key).
     */
    @UriPath(enums = "create,update,notes,returnptn,approve,reject,get,test,attach")
    @Metadata(required = true)
    private String operation;

    /** Request timeout in milliseconds when the integration config has no timeout_ms. */
    @UriParam(defaultValue = "30000")
    private long timeoutMillis = 30_000;

    /** Shortest wait, in seconds, before a transaction that timed out is resent (the guide: 60). */
    @UriParam(defaultValue = "60")
    private long timeoutResendMinSeconds = 60;

    /** Longest wait, in seconds, before a transaction that timed out is resent (the guide: 120). */
    @UriParam(defaultValue = "120")
    private long timeoutResendMaxSeconds = 120;

    /**
     * Group sent once instead when Ensono answers that the group is invalid; the EnsonoDefaultGroup header
     * wins over this option. Empty: no fallback.
     */
    @UriParam
    private String defaultGroup;

    EnsonoEndpoint(String uri, EnsonoComponent component, String operation) {
        super(uri, component);
        this.operation = operation;
    }

    void validate() {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("ensono operation must be one of " + OPERATIONS + ", got '"
                    + operation + "'");
        }
        if (timeoutResendMinSeconds < 0 || timeoutResendMaxSeconds < timeoutResendMinSeconds) {
            throw new IllegalArgumentException("ensono: timeoutResendMinSeconds must be >= 0 and <="
                    + " timeoutResendMaxSeconds");
        }
    }

    @Override
    public Producer createProducer() {
        return new EnsonoProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("ensono has no consumer; the inbound queue is polled by the"
                + " ensono-inbound route");
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

    public long getTimeoutResendMinSeconds() {
        return timeoutResendMinSeconds;
    }

    public void setTimeoutResendMinSeconds(long timeoutResendMinSeconds) {
        this.timeoutResendMinSeconds = timeoutResendMinSeconds;
    }

    public long getTimeoutResendMaxSeconds() {
        return timeoutResendMaxSeconds;
    }

    public void setTimeoutResendMaxSeconds(long timeoutResendMaxSeconds) {
        this.timeoutResendMaxSeconds = timeoutResendMaxSeconds;
    }

    public String getDefaultGroup() {
        return defaultGroup;
    }

    public void setDefaultGroup(String defaultGroup) {
        this.defaultGroup = defaultGroup;
    }
}
