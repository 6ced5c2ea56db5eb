package io.ticketbridge.component.servicenow;

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
 * One ServiceNow operation through the Table API, Attachment API and sys_journal_field
 * ({@code servicenow-table:operation[?options]}; not Camel's own {@code servicenow:} component).
 *
 * <p>Inputs: header TicketBridgeIntegrationId (which integration: instance URL, config,
 * credentials), TicketBridgeRemoteId (the record's sys_id, for record operations),
 * TicketBridgeItemId (an attachment's sys_id), TicketBridgeFileName / TicketBridgeContentType
 * (uploads), TicketBridgeFresh (bypass the close-code cache), TicketBridgeTable (incident or
 * change_request for this message). The body is the vendor JSON the mapper produced (the file's
 * bytes for uploads); the answer is ServiceNow's JSON ({"result": ...}) as a string, bytes for
 * downloads.
 *
 * <p>Integration config keys: {@code table} (incident | change_request), {@code
 * max_requests_per_second} (pacing, default 5), {@code timeout_ms} (overrides timeoutMillis), {@code
 * allow_direct_close} (true: closeTicket and state 7 close incidents; default false: they resolve,
 * the instance's auto-close closes), {@code close_code_default} (a close code, or per table {"incident":
 * ..., "change_request": ...}; checked against the instance's sys_choice), {@code oauth} (password |
 * client_credentials | none; absent: inferred from the credentials), {@code uncertain_create_retry_ms}
 * (retry delay after a create that got no answer, default 60000). Credential keys: {@code username},
 * {@code password}, {@code client_id}, {@code client_secret}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "servicenow-table", title = "ServiceNow Table API",
        syntax = "servicenow-table:operation", producerOnly = true, category = {Category.API})
public final class ServiceNowEndpoint extends DefaultEndpoint {

    static final Set<String> DISPLAY_VALUES = Set.of("false", "true", "all");

    /** The desk operation to perform (the canonical names every desk component accepts). */
    @UriPath(enums = "test,getTicket,listTickets,createTicket,updateTicket,deleteTicket,addComment,listComments,"
            + "uploadAttachment,listAttachments,downloadAttachment,addTimeLog,listTimeLogs,setResolution,"
            + "getResolution,linkTickets,listLinks,closeTicket,listCloseCodes")
    @Metadata(required = true)
    private String operation;

    /**
     * The table when neither the message (TicketBridgeTable, or a listTickets query's "table") nor
     * the integration's config "table" names one: incident or change_request.
     */
    @UriParam(defaultValue = "incident", enums = "incident,change_request")
    private String table = ServiceNowOperations.INCIDENT;

    /** Request timeout in milliseconds when the integration config has no timeout_ms (100..600000). */
    @UriParam(defaultValue = "30000")
    private long timeoutMillis = 30_000;

    /** List operations follow Link rel="next" pages until there is none or this many rows were read. */
    @UriParam(defaultValue = "1000")
    private int maxRows = 1_000;

    /**
     * sysparm_display_value on record reads and writes: false (values), true (display values) or all
     * (both, as {display_value, value, link} objects). The sync mappers need false or all.
     */
    @UriParam(defaultValue = "all", enums = "false,true,all")
    private String displayValue = "all";

    ServiceNowEndpoint(String uri, ServiceNowComponent component, String operation) {
        super(uri, component);
        this.operation = operation;
    }

    void validate() {
        if (!ServiceNowOperations.ALL.contains(operation)) {
            throw new IllegalArgumentException("servicenow-table operation must be one of " + ServiceNowOperations.ALL
                    + ", got '" + operation + "'");
        }
        if (!ServiceNowOperations.TABLES.contains(table)) {
            throw new IllegalArgumentException("servicenow-table table must be one of " + ServiceNowOperations.TABLES
                    + ", got '" + table + "'");
        }
        if (timeoutMillis < 100 || timeoutMillis > 600_000) {
            throw new IllegalArgumentException("servicenow-table timeoutMillis must be 100..600000, got "
                    + timeoutMillis);
        }
        if (maxRows < 1 || maxRows > 100_000) {
            throw new IllegalArgumentException("servicenow-table maxRows must be 1..100000, got " + maxRows);
        }
        checkDisplayValue(displayValue);
    }

    static String checkDisplayValue(String value) {
        if (!DISPLAY_VALUES.contains(value)) {
            throw new IllegalArgumentException("servicenow-table displayValue must be one of false, true, all; got '"
                    + value + "'");
        }
        return value;
    }

    @Override
    public ServiceNowComponent getComponent() {
        return (ServiceNowComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ServiceNowProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("servicenow-table has no consumer; use webhooks or scheduled pulls");
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public int getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    public String getDisplayValue() {
        return displayValue;
    }

    public void setDisplayValue(String displayValue) {
        this.displayValue = displayValue;
    }
}
