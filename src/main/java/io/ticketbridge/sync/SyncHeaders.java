package io.ticketbridge.sync;

/** Header and property names the sync flows share (YAML routes refer to them by value). */
public final class SyncHeaders {

    /** create | update | none: what a push will do. */
    public static final String ACTION = "TicketBridgeSyncAction";
    /** The remote ticket id of the linked ticket. */
    public static final String REMOTE_ID = "TicketBridgeRemoteId";
    /** Exchange property: the integration's field mappings (List of FieldMapping). */
    public static final String MAPPINGS = "TicketBridgeFieldMappings";
    /** Exchange property: the hub item (comment, attachment, time log) being sent in a split. */
    public static final String ITEM = "TicketBridgeItem";
    /** Exchange property: the push options of the job payload. */
    public static final String OPTIONS = "TicketBridgePushOptions";
    /** Attachment upload metadata. */
    public static final String FILE_NAME = "TicketBridgeFileName";
    public static final String CONTENT_TYPE = "TicketBridgeContentType";

    private SyncHeaders() {
    }
}
