package io.ticketbridge.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;

/**
 * OpenAPI schemas of the records the API answers with, read through Jackson's own introspection of them
 * (the names and types it writes), so the document describes what the server serializes: one source.
 */
final class RecordSchemas {

    private RecordSchemas() {
    }

    /** The schema name a record is registered under in components/schemas. */
    static String name(Class<?> type) {
        return type.getSimpleName();
    }

    /** Adds the record's schema (and the schemas of records it holds) to {@code schemas}. */
    static void register(ObjectNode schemas, Class<?> type) {
        if (schemas.has(name(type)) || !type.isRecord()) {
            return;
        }
        ObjectNode schema = schemas.putObject(name(type));
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        // the properties Jackson itself writes: the record's components under their JSON names, and any getter
        var description = Json.MAPPER.getSerializationConfig().introspect(Json.MAPPER.constructType(type));
        for (var property : description.findProperties()) {
            if (property.couldSerialize()) {
                props.set(property.getName(), of(schemas, property.getAccessor().getType()));
            }
        }
    }

    private static ObjectNode of(ObjectNode schemas, JavaType type) {
        ObjectNode s = Json.object();
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw.isEnum()) {
            s.put("type", "string").put("nullable", true);
        } else if (raw == Instant.class) {
            s.put("type", "string").put("format", "date-time").put("nullable", true);
        } else if (raw == int.class || raw == long.class) {
            s.put("type", "integer");
        } else if (raw == Integer.class || raw == Long.class) {
            s.put("type", "integer").put("nullable", true);
        } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            s.put("type", "number").put("nullable", raw.isPrimitive() ? null : true);
        } else if (raw == boolean.class) {
            s.put("type", "boolean");
        } else if (raw == Boolean.class) {
            s.put("type", "boolean").put("nullable", true);
        } else if (Collection.class.isAssignableFrom(raw)) {
            s.put("type", "array").put("nullable", true);
            JavaType item = type.getContentType() != null ? type.getContentType()
                    : Json.MAPPER.constructType(Object.class);
            s.set("items", of(schemas, item));
        } else if (Map.class.isAssignableFrom(raw)) {
            s.put("type", "object").put("nullable", true).put("additionalProperties", true);
        } else if (raw.isRecord()) {
            register(schemas, raw);
            s.put("$ref", "#/components/schemas/" + name(raw));
        } else if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            s.put("description", "Any JSON value"); // an empty schema: anything, null included
        } else {
            s.put("type", "object").put("nullable", true);
        }
        if (s.has("nullable") && s.get("nullable").isNull()) {
            s.remove("nullable");
        }
        return s;
    }
}
