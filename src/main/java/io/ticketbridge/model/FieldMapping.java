package io.ticketbridge.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A hub field (e.g. "priority", "custom_fields.site") mapped to a vendor field path ("priority.name"). */
public record FieldMapping(String id, @JsonProperty("local_field") String localField,
                           @JsonProperty("remote_field") String remoteField) {
}
