package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Time spent on a ticket, in minutes. */
public record TimeLog(String id, @JsonProperty("ticket_id") String ticketId, int minutes, String description,
                      String author, @JsonProperty("started_at") Instant startedAt, String origin,
                      @JsonProperty("created_at") Instant createdAt) {
}
