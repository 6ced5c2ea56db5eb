package io.ticketbridge.connector;

/**
 * The message header and exchange property names shared by the outbox, the sync engine and every
 * connector (YAML routes refer to them by value). No platform's own names belong here: a connector
 * reads these and translates to its vendor's API inside its component.
 */
public final class ConnectorHeaders {

    // --- set by the outbox on every job exchange ---
    public static final String JOB_ID = "TicketBridgeJobId";
    public static final String JOB_KIND = "TicketBridgeJobKind";
    public static final String INTEGRATION_ID = "TicketBridgeIntegrationId";
    public static final String PLATFORM = "TicketBridgePlatform";
    public static final String TICKET_ID = "TicketBridgeTicketId";
    public static final String SPACE_ID = "TicketBridgeSpaceId";
    public static final String ATTEMPT = "TicketBridgeAttempt";
    public static final String JOB_CREATED_AT = "TicketBridgeJobCreatedAt";
    /** The HTTP status of the previous attempt, null when it got no answer. */
    public static final String LAST_STATUS = "TicketBridgeLastStatus";
    /** Set by a connector: the vendor's HTTP status of the call that produced the job's result. */
    public static final String RESULT_STATUS = "TicketBridgeResultStatus";

    // --- desk operations (every desk component accepts these) ---
    /** The remote ticket id of the linked ticket. */
    public static final String REMOTE_ID = "TicketBridgeRemoteId";
    /** A remote item's id (an attachment to download, a comment). */
    public static final String ITEM_ID = "TicketBridgeItemId";
    /** Attachment upload metadata. */
    public static final String FILE_NAME = "TicketBridgeFileName";
    public static final String CONTENT_TYPE = "TicketBridgeContentType";
    /** true: read the vendor's current state, bypassing the component's cache. */
    public static final String FRESH = "TicketBridgeFresh";

    // --- the sync engine's flow state ---
    /** create | update | none: what a push will do. */
    public static final String ACTION = "TicketBridgeSyncAction";
    /** Exchange property: the integration's field mappings (List of FieldMapping). */
    public static final String MAPPINGS = "TicketBridgeFieldMappings";
    /** Exchange property: the hub item (comment, attachment, time log) being sent in a split. */
    public static final String ITEM = "TicketBridgeItem";
    /** Exchange property: the push options of the job payload. */
    public static final String OPTIONS = "TicketBridgePushOptions";

    private ConnectorHeaders() {
    }
}
