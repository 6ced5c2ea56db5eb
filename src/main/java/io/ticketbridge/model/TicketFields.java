package io.ticketbridge.model;

import java.util.List;
import java.util.Set;

/** Canonical field names and the value sets the hub accepts. */
public final class TicketFields {

    public static final String SUBJECT = "subject";
    public static final String DESCRIPTION = "description";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String IMPACT = "impact";
    public static final String URGENCY = "urgency";
    public static final String TICKET_TYPE = "ticket_type";
    public static final String CATEGORY = "category";
    public static final String SUBCATEGORY = "subcategory";
    public static final String GROUP = "group";
    public static final String ASSIGNEE = "assignee";
    public static final String REQUESTER_NAME = "requester_name";
    public static final String REQUESTER_EMAIL = "requester_email";
    public static final String REQUESTER_PHONE = "requester_phone";
    public static final String CIS = "cis";
    public static final String APPROVAL_STATUS = "approval_status";
    public static final String DUE_AT = "due_at";
    public static final String CUSTOM_FIELDS = "custom_fields";

    public static final List<String> ALL = List.of(SUBJECT, DESCRIPTION, STATUS, PRIORITY, IMPACT, URGENCY,
            TICKET_TYPE, CATEGORY, SUBCATEGORY, GROUP, ASSIGNEE, REQUESTER_NAME, REQUESTER_EMAIL, REQUESTER_PHONE,
            CIS, APPROVAL_STATUS, DUE_AT, CUSTOM_FIELDS);

    public static final List<String> STATUSES =
            List.of("new", "open", "in_progress", "pending", "resolved", "closed", "cancelled");
    public static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");
    public static final List<String> LEVELS = List.of("low", "medium", "high");
    public static final List<String> TYPES = List.of("incident", "request", "change", "problem");

    /** Statuses after which a ticket is finished (a later open status is a reopen). */
    public static final Set<String> TERMINAL = Set.of("resolved", "closed", "cancelled");

    private TicketFields() {
    }
}
