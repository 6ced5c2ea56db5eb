package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** One audit record: an API mutation or a call to an outside system (secrets already masked). */
public record AuditEntry(long id, Instant at, @JsonProperty("correlation_id") String correlationId,
                         @JsonProperty("space_id") String spaceId, String actor, String action,
                         @JsonProperty("resource_type") String resourceType,
                         @JsonProperty("resource_id") String resourceId, String outcome,
                         @JsonProperty("status_code") Integer statusCode, JsonNode detail) {
}
