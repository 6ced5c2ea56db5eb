package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.QueryParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a call wants records written out: {@code sysparm_fields}, {@code sysparm_display_value}, reference links. */
record Rendering(List<String> fields, Mode mode, boolean excludeReferenceLink) {

    enum Mode { VALUE, DISPLAY, ALL }

    static final Rendering PLAIN = new Rendering(null, Mode.VALUE, false);

    static Rendering from(QueryParams params) {
        String fieldList = params.first("sysparm_fields");
        List<String> fields = null;
        if (fieldList != null && !fieldList.isBlank()) {
            fields = new ArrayList<>(Arrays.stream(fieldList.split(",")).map(String::trim)
                    .filter(f -> !f.isEmpty()).toList());
        }
        String display = params.first("sysparm_display_value", "false").toLowerCase(Locale.ROOT);
        Mode mode = switch (display) {
            case "true" -> Mode.DISPLAY;
            case "all" -> Mode.ALL;
            default -> Mode.VALUE;
        };
        return new Rendering(fields, mode, "true".equalsIgnoreCase(params.first("sysparm_exclude_reference_link")));
    }
}
