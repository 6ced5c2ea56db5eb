package io.ticketbridge.dataformat.servicenow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.dataformat.support.ValueTables;
import io.ticketbridge.model.Json;

/** The repo's ServiceNow value tables and the JSON fixtures under fixtures/servicenow/. */
final class Fixtures {

    static final ValueTables TABLES = new ValueTables(Path.of("config/mappings/servicenow.yaml"));
    static final ServiceNowRecordMapper RECORDS = new ServiceNowRecordMapper(TABLES);
    static final ServiceNowDeskMapper DESK = new ServiceNowDeskMapper(RECORDS);

    private Fixtures() {
    }

    static JsonNode json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/servicenow/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(String name) {
        return Json.MAPPER.convertValue(json(name), Map.class);
    }

    /** Hub fields as JSON, for structural comparison with a fixture. */
    static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }
}
