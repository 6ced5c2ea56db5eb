package io.ticketbridge.connector;

import java.util.Set;

/**
 * The canonical operations every desk component accepts (as its endpoint's operation), so the shared
 * flows and the desk API call {@code <scheme>:getTicket} whatever the vendor calls it. Bodies are the
 * vendor JSON the desk's mapper produced (in) and the vendor's answer (out); ids travel in
 * {@link ConnectorHeaders#REMOTE_ID} and {@link ConnectorHeaders#ITEM_ID}.
 */
public final class DeskOperation {

    public static final String TEST = "test";
    public static final String GET_TICKET = "getTicket";
    /** Body: the mapper's list query ({@code changedSinceQuery}, {@code createdSinceQuery}, {@code searchQuery}). */
    public static final String LIST_TICKETS = "listTickets";
    public static final String CREATE_TICKET = "createTicket";
    public static final String UPDATE_TICKET = "updateTicket";
    public static final String DELETE_TICKET = "deleteTicket";
    public static final String CLOSE_TICKET = "closeTicket";
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

    public static final Set<String> ALL = Set.of(TEST, GET_TICKET, LIST_TICKETS, CREATE_TICKET, UPDATE_TICKET,
            DELETE_TICKET, CLOSE_TICKET, ADD_COMMENT, LIST_COMMENTS, UPLOAD_ATTACHMENT, LIST_ATTACHMENTS,
            DOWNLOAD_ATTACHMENT, ADD_TIME_LOG, LIST_TIME_LOGS, SET_RESOLUTION, GET_RESOLUTION, LINK_TICKETS,
            LIST_LINKS);

    /** The job kinds every desk's flows run. */
    public static final Set<String> DESK_JOB_KINDS = Set.of("push", "update", "sync", "delete", "comment",
            "attachment", "time_log", "resolution", "link");

    private DeskOperation() {
    }
}
