package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Attachment metadata; the bytes are fetched separately. */
public record Attachment(String id, @JsonProperty("ticket_id") String ticketId, String filename,
                         @JsonProperty("content_type") String contentType, long size, String sha256, String origin,
                         @JsonProperty("created_at") Instant createdAt) {
}
