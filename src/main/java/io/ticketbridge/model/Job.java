package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** A durable outbox job: one outbound operation against one integration. */
public record Job(String id, long seq, @JsonProperty("space_id") String spaceId,
                  @JsonProperty("integration_id") String integrationId, @JsonProperty("ticket_id") String ticketId,
                  String kind, JsonNode payload, String status, int attempts,
                  @JsonProperty("max_attempts") int maxAttempts,
                  @JsonProperty("next_attempt_at") Instant nextAttemptAt,
                  @JsonProperty("last_error") String lastError, @JsonProperty("last_status") Integer lastStatus,
                  JsonNode result, @JsonProperty("parent_id") String parentId,
                  @JsonProperty("correlation_id") String correlationId,
                  @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
                  @JsonProperty("completed_at") Instant completedAt) {

    public static final String PENDING = "pending";
    public static final String IN_FLIGHT = "in_flight";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    /** A bulk parent: never executed itself, completes when its children do. */
    public static final String RUNNING = "running";

    public boolean isTerminal() {
        return SUCCEEDED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
    }
}
