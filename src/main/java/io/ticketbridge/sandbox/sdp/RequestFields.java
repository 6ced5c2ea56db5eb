package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Turns a client's {@code request} object into stored fields: validated lookups, users, SDP datetimes, merged
 * {@code udf_fields}. Read-only fields are rejected with 4014; anything unknown is stored as sent.
 */
final class RequestFields {

    private static final Set<String> READ_ONLY = Set.of("id", "display_id", "created_time", "last_updated_time",
            "created_by", "completed_time", "has_notes", "has_attachments", "has_linked_requests");
    private static final Set<String> TRANSIENT = Set.of("update_reason", "status_change_comments");
    private static final Set<String> USERS = Set.of("requester", "technician", "on_behalf_of", "editor");
    private static final Set<String> DATETIMES = Set.of("due_by_time", "first_response_due_by_time",
            "scheduled_start_time", "scheduled_end_time", "responded_time", "resolved_time");
    private static final Set<String> FREE_LOOKUPS = Set.of("urgency", "impact", "mode", "level", "site",
            "subcategory", "item", "template", "request_type", "service_category", "department");

    private final LookupCatalog catalog;

    RequestFields(LookupCatalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode forCreate(ObjectNode input, ObjectNode actor) {
        ObjectNode request = Json.object();
        request.putNull("subject");
        request.putNull("description");
        request.set("status", catalog.byName("status", "Open"));
        for (String field : new String[] {"priority", "urgency", "impact", "category", "subcategory", "group",
            "technician"}) {
            request.putNull(field);
        }
        request.set("requester", actor.deepCopy());
        request.set("created_by", actor.deepCopy());
        request.putNull("due_by_time");
        request.putObject("resolution").putNull("content");
        request.putObject("udf_fields");
        request.put("has_notes", false);
        request.put("has_attachments", false);
        request.put("has_linked_requests", false);
        apply(request, input);
        if (Json.isBlank(request.get("subject"))) {
            throw SdpApiException.mandatoryMissing("subject");
        }
        return request;
    }

    void applyUpdate(ObjectNode request, ObjectNode input) {
        apply(request, input);
    }

    private void apply(ObjectNode target, ObjectNode input) {
        for (Map.Entry<String, JsonNode> entry : input.properties()) {
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            if (READ_ONLY.contains(field)) {
                throw SdpApiException.readOnly(field);
            }
            if (!TRANSIENT.contains(field)) {
                applyField(target, field, value);
            }
        }
    }

    private void applyField(ObjectNode target, String field, JsonNode value) {
        boolean isNull = value == null || value.isNull();
        if ("subject".equals(field)) {
            if (isNull || !value.isTextual() || value.asText().isBlank()) {
                throw SdpApiException.mandatoryMissing("subject");
            }
            target.set(field, value);
        } else if ("status".equals(field)) {
            target.set(field, catalog.resolve(field, value));
        } else if (LookupCatalog.isValidated(field)) {
            target.set(field, isNull ? null : catalog.resolve(field, value));
        } else if (USERS.contains(field)) {
            target.set(field, isNull ? null : catalog.user(field, value));
        } else if (DATETIMES.contains(field)) {
            target.set(field, isNull ? null : Json.datetime(epochMillis(field, value)));
        } else if (FREE_LOOKUPS.contains(field)) {
            target.set(field, isNull ? null : catalog.freeLookup(field, value));
        } else if ("udf_fields".equals(field)) {
            if (!isNull && !value.isObject()) {
                throw SdpApiException.invalidValue(field);
            }
            // Partial updates of custom fields merge, like every other partial update.
            if (!isNull) {
                target.withObjectProperty("udf_fields").setAll((ObjectNode) value.deepCopy());
            }
        } else if ("resolution".equals(field)) {
            if (isNull || !value.isObject()) {
                throw SdpApiException.invalidValue(field);
            }
            target.withObjectProperty("resolution").set("content", value.get("content"));
        } else if ("closure_info".equals(field)) {
            target.set(field, isNull ? null : closureInfo(value));
        } else {
            target.set(field, value == null ? null : value.deepCopy());
        }
    }

    ObjectNode closureInfo(JsonNode value) {
        if (!value.isObject()) {
            throw SdpApiException.invalidValue("closure_info");
        }
        ObjectNode info = ((ObjectNode) value).deepCopy();
        JsonNode code = info.get("closure_code");
        if (code != null && !code.isNull()) {
            info.set("closure_code", catalog.resolve("closure_code", code));
        }
        return info;
    }

    /** Datetimes arrive as {@code {"value":"<ms>"}}, a number or a numeric string; anything else is 4001. */
    static long epochMillis(String field, JsonNode value) {
        JsonNode raw = value.isObject() ? value.get("value") : value;
        if (raw != null && raw.canConvertToLong() && raw.isIntegralNumber()) {
            return raw.asLong();
        }
        if (raw != null && raw.isTextual()) {
            try {
                return Long.parseLong(raw.asText().trim());
            } catch (NumberFormatException e) {
                throw SdpApiException.invalidValue(field);
            }
        }
        throw SdpApiException.invalidValue(field);
    }
}
