package io.ticketbridge.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tenant. Null rate limits mean "use the configured defaults". */
public record Space(String id, String name,
                    @JsonProperty("rate_per_minute") Integer ratePerMinute,
                    @JsonProperty("rate_per_hour") Integer ratePerHour,
                    @JsonProperty("rate_per_day") Integer ratePerDay,
                    @JsonProperty("block_seconds") Integer blockSeconds,
                    @JsonProperty("created_at") Instant createdAt) {
}
