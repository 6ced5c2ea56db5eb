package io.ticketbridge.component.servicenow;

import java.util.List;
import java.util.Set;

/**
 * The canonical desk operation and header names the servicenow-table component accepts. Kept here
 * until the shared connector seam (io.ticketbridge.connector) carries them for every desk.
 */
public final class ServiceNowOperations {

    public static final String TEST = "test";
    public static final String GET_TICKET = "getTicket";
    public static final String LIST_TICKETS = "listTickets";
    public static final String CREATE_TICKET = "createTicket";
    public static final String UPDATE_TICKET = "updateTicket";
    public static final String DELETE_TICKET = "deleteTicket";
    public static final String ADD_COMMENT = "addComment";
    public static final String LIST_COMMENTS = "listComments";
    public static final String UPLOAD_ATTACHMENT = "uploadAttachment";
    public static final String LIST_ATTACHMENTS = "listAttachments";
    public static final String DOWNLOAD_ATTACHMENT = "downloadAttachment";
    public static final String ADD_TIME_LOG = "addTimeLog";
    public static final String LIST_TIME_LOGS = "listTimeLogs";
    public static final String SET_RESOLUTION = "setResolution";
    public static final String GET_RESOLUTION = "getResolution";
    public static final String LINK_TICKETS = "linkTickets";
    public static final String LIST_LINKS = "listLinks";
    /** ServiceNow only: resolve, then close where the integration allows it. */
    public static final String CLOSE_TICKET = "closeTicket";
    /** ServiceNow only: the instance's active close_code choices for the table (sys_choice). */
    public static final String LIST_CLOSE_CODES = "listCloseCodes";

    public static final List<String> ALL = List.of(TEST, GET_TICKET, LIST_TICKETS, CREATE_TICKET, UPDATE_TICKET,
            DELETE_TICKET, ADD_COMMENT, LIST_COMMENTS, UPLOAD_ATTACHMENT, LIST_ATTACHMENTS, DOWNLOAD_ATTACHMENT,
            ADD_TIME_LOG, LIST_TIME_LOGS, SET_RESOLUTION, GET_RESOLUTION, LINK_TICKETS, LIST_LINKS, CLOSE_TICKET,
            LIST_CLOSE_CODES);

    /** The vendor record id (sys_id). */
    public static final String REMOTE_ID = "TicketBridgeRemoteId";
    /** An attachment or journal entry id (sys_id). */
    public static final String ITEM_ID = "TicketBridgeItemId";
    public static final String FILE_NAME = "TicketBridgeFileName";
    public static final String CONTENT_TYPE = "TicketBridgeContentType";
    /** Boolean: bypass any cache (close codes). */
    public static final String FRESH = "TicketBridgeFresh";
    /** Optional per-message table: incident or change_request. */
    public static final String TABLE = "TicketBridgeTable";

    public static final String INCIDENT = "incident";
    public static final String CHANGE_REQUEST = "change_request";
    public static final Set<String> TABLES = Set.of(INCIDENT, CHANGE_REQUEST);

    private ServiceNowOperations() {
    }
}
