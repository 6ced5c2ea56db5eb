package io.ticketbridge.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Values applied to a ticket when it is created in a service desk (seed 000): category,
 * subcategory, group, and vendor default fields such as {"priority": "Medium"}. Values the ticket
 * already has win over the template.
 */
public record TicketTemplate(String id, String name, String category, String subcategory, String group,
                             @JsonProperty("defaultFields") Map<String, Object> defaultFields,
                             @JsonProperty("is_default") boolean isDefault) {
}
