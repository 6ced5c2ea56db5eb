package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The portal's closure rule: field paths (e.g. {@code resolution.content}) that must be filled to close. */
final class ClosureRule {

    private final List<String> requiredPaths;

    ClosureRule(List<String> requiredPaths) {
        this.requiredPaths = List.copyOf(requiredPaths);
    }

    /** Throws 4003 naming the unfilled fields (by their top-level name, as SDP's message does). */
    void check(ObjectNode request) {
        List<String> missing = new ArrayList<>();
        for (String path : requiredPaths) {
            JsonNode value = FieldValue.at(request, path);
            boolean empty = value == null || (value.isTextual() && value.asText().isBlank())
                    || (value.isObject() && FieldValue.scalar(value, null) == null);
            if (empty) {
                missing.add(path.contains(".") ? path.substring(0, path.indexOf('.')) : path);
            }
        }
        if (!missing.isEmpty()) {
            throw SdpApiException.closureRule(missing);
        }
    }
}
