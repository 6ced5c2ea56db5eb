package io.ticketbridge.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The canonical hub ticket (the company's own service desk record). Every connector maps to and
 * from this shape; {@link #fields()} is the comparable view used for deltas and conflicts.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Ticket(
        String id,
        String number,
        @JsonProperty("space_id") String spaceId,
        String subject,
        String description,
        String status,
        String priority,
        String impact,
        String urgency,
        @JsonProperty("ticket_type") String ticketType,
        String category,
        String subcategory,
        String group,
        String assignee,
        @JsonProperty("requester_name") String requesterName,
        @JsonProperty("requester_email") String requesterEmail,
        @JsonProperty("requester_phone") String requesterPhone,
        List<String> cis,
        @JsonProperty("approval_status") String approvalStatus,
        @JsonProperty("due_at") Instant dueAt,
        @JsonProperty("custom_fields") Map<String, Object> customFields,
        long version,
        @JsonProperty("resolved_at") Instant resolvedAt,
        @JsonProperty("closed_at") Instant closedAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** Canonical field name → value, for the fields a sync compares (no ids, no timestamps of record). */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(TicketFields.SUBJECT, subject);
        f.put(TicketFields.DESCRIPTION, description);
        f.put(TicketFields.STATUS, status);
        f.put(TicketFields.PRIORITY, priority);
        f.put(TicketFields.IMPACT, impact);
        f.put(TicketFields.URGENCY, urgency);
        f.put(TicketFields.TICKET_TYPE, ticketType);
        f.put(TicketFields.CATEGORY, category);
        f.put(TicketFields.SUBCATEGORY, subcategory);
        f.put(TicketFields.GROUP, group);
        f.put(TicketFields.ASSIGNEE, assignee);
        f.put(TicketFields.REQUESTER_NAME, requesterName);
        f.put(TicketFields.REQUESTER_EMAIL, requesterEmail);
        f.put(TicketFields.REQUESTER_PHONE, requesterPhone);
        f.put(TicketFields.CIS, cis == null ? List.of() : cis);
        f.put(TicketFields.APPROVAL_STATUS, approvalStatus);
        f.put(TicketFields.DUE_AT, dueAt == null ? null : dueAt.toString());
        f.put(TicketFields.CUSTOM_FIELDS, customFields == null ? Map.of() : customFields);
        return f;
    }
}
