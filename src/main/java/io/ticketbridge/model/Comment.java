package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A comment (note) on a hub ticket; origin is "hub" or the integration id it came from. */
public record Comment(String id, @JsonProperty("ticket_id") String ticketId, String body, String author,
                      @JsonProperty("author_email") String authorEmail, @JsonProperty("public") boolean isPublic,
                      String origin, @JsonProperty("created_at") Instant createdAt) {
}
