package io.ticketbridge.connector;

import java.util.List;
import java.util.Map;

import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketTemplate;

/** What a push sends: the hub fields to write (all synced on create, the delta on update). */
public record PushPlan(Ticket ticket, Map<String, Object> fields, List<FieldMapping> mappings,
                       TicketTemplate template, boolean create) {
}
