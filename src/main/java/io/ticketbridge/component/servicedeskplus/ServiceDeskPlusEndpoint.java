package io.ticketbridge.component.servicedeskplus;

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
 * One ServiceDesk Plus operation. Inputs: header TicketBridgeIntegrationId (which integration),
 * SdpRequestId (the request, for request-scoped operations), SdpItemId (an attachment), SdpFileName
 * and SdpContentType (uploads); the body is the operation's JSON object (bytes for uploads). The
 * output body is the vendor's JSON object for the operation, as a string.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "servicedeskplus", title = "ManageEngine ServiceDesk Plus",
        syntax = "servicedeskplus:operation", producerOnly = true, category = {Category.API})
public final class ServiceDeskPlusEndpoint extends DefaultEndpoint {

    static final Set<String> OPERATIONS = Set.of("test", "createRequest", "getRequest", "updateRequest",
            "deleteRequest", "listRequests", "addNote", "listNotes", "addWorklog", "listWorklogs",
            "uploadAttachment", "listAttachments", "downloadAttachment", "setResolution", "getResolution",
            "closeRequest", "linkRequests", "listLinks");

    /** The API operation to perform: SDP's name or the canonical desk operation (createTicket = createRequest ...). */
    @UriPath
    @Metadata(required = true)
    private String operation;

    /** Request timeout in milliseconds when the integration config has no timeout_ms. */
    @UriParam(defaultValue = "30000")
    private long timeoutMillis = 30_000;

    /** Serve getRequest/listNotes/listAttachments/listWorklogs from the read cache when fresh. */
    @UriParam(defaultValue = "true")
    private boolean useCache = true;

    /** listRequests: follow list_info paging up to this many rows (1 = just the asked page). */
    @UriParam(defaultValue = "1")
    private int maxRows = 1;

    ServiceDeskPlusEndpoint(String uri, ServiceDeskPlusComponent component, String operation) {
        super(uri, component);
        this.operation = operation;
    }

    void validate() {
        if (!OPERATIONS.contains(operation) && !io.ticketbridge.connector.DeskOperation.ALL.contains(operation)) {
            throw new IllegalArgumentException("servicedeskplus operation must be one of " + OPERATIONS
                    + " or a canonical desk operation " + io.ticketbridge.connector.DeskOperation.ALL
                    + ", got '" + operation + "'");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("servicedeskplus maxRows must be at least 1");
        }
    }

    @Override
    public ServiceDeskPlusComponent getComponent() {
        return (ServiceDeskPlusComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ServiceDeskPlusProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("servicedeskplus has no consumer; use webhooks or scheduled pulls");
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

    public boolean isUseCache() {
        return useCache;
    }

    public void setUseCache(boolean useCache) {
        this.useCache = useCache;
    }

    public int getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }
}
