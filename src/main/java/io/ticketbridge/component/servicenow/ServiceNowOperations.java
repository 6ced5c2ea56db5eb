package io.ticketbridge.component.servicenow;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.ticketbridge.connector.DeskOperation;

/**
 * What the servicenow-table component accepts beyond the canonical desk operations
 * ({@link DeskOperation}) and headers ({@link io.ticketbridge.connector.ConnectorHeaders}): the close-code
 * lookup, and the per-message table.
 */
public final class ServiceNowOperations {

    /** ServiceNow only: the instance's active close_code choices for the table (sys_choice). */
    public static final String LIST_CLOSE_CODES = "listCloseCodes";

    /** Every operation the endpoint accepts. */
    public static final List<String> ALL = Stream.concat(DeskOperation.ALL.stream().sorted(),
            Stream.of(LIST_CLOSE_CODES)).toList();

    /** Optional per-message table: incident or change_request. */
    public static final String TABLE = "TicketBridgeTable";

    public static final String INCIDENT = "incident";
    public static final String CHANGE_REQUEST = "change_request";
    public static final Set<String> TABLES = Set.of(INCIDENT, CHANGE_REQUEST);

    private ServiceNowOperations() {
    }
}
