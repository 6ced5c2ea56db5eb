package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The resolution of a ticket (one per ticket; setting it again replaces the text). */
public record Resolution(@JsonProperty("ticket_id") String ticketId, String content,
                         @JsonProperty("resolved_by") String resolvedBy, String origin,
                         @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {
}
