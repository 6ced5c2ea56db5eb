package io.ticketbridge.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;

/** One API call as handlers see it: path parameters, query, headers, body, caller. */
public final class ApiRequest {

    /** An uploaded multipart file (already on local disk, read lazily). */
    public record Upload(String field, String filename, String contentType, long size, java.nio.file.Path path) {
    }

    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final List<Upload> uploads;
    private Map<String, String> form = Map.of();
    private final Principal principal;
    private final String correlationId;
    private final long maxJsonBytes;

    public ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
                      Map<String, String> headers, byte[] body, List<Upload> uploads, Principal principal,
                      String correlationId, long maxJsonBytes) {
        this.method = method;
        this.path = path;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.body = body == null ? new byte[0] : body;
        this.uploads = uploads == null ? List.of() : uploads;
        this.principal = principal;
        this.correlationId = correlationId;
        this.maxJsonBytes = maxJsonBytes;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Principal principal() {
        return principal;
    }

    public String correlationId() {
        return correlationId;
    }

    /** Header by case-insensitive name. */
    /** Every header, names in lower case (several values of one name joined by commas). */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Map<String, List<String>> queryParams() {
        return query;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A multipart or form-urlencoded field. */
    public Optional<String> form(String name) {
        return Optional.ofNullable(form.get(name));
    }

    ApiRequest withForm(Map<String, String> fields) {
        this.form = Map.copyOf(fields);
        return this;
    }

    public List<Upload> uploads() {
        return uploads;
    }

    public String contentType() {
        return header("content-type").map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse(null);
    }

    private boolean hasFormBody() {
        String ct = contentType();
        return ct != null && (ct.startsWith("multipart/") || ct.equals("application/x-www-form-urlencoded"));
    }

    public Query query() {
        return new Query(query);
    }

    /** The body as a JSON object; 415 for another content type, 400 for malformed JSON, 413 when too big. */
    public ObjectNode jsonObject() {
        return jsonObject(false);
    }

    public ObjectNode jsonObjectOrEmpty() {
        return jsonObject(true);
    }

    private ObjectNode jsonObject(boolean emptyAllowed) {
        String ct = contentType();
        boolean json = ct != null && (ct.equals("application/json") || ct.endsWith("+json"));
        if (body.length == 0 && !hasFormBody()) {
            if (emptyAllowed) {
                return Json.object();
            }
            if (ct == null || json) {
                throw ApiException.badRequest("A JSON object body is required");
            }
        }
        if (!json) {
            throw ApiException.unsupportedMediaType(ct, "application/json");
        }
        if (body.length > maxJsonBytes) {
            throw ApiException.payloadTooLarge(maxJsonBytes);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("JSON nesting or size is beyond the allowed limits");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("Unreadable body");
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("A JSON object body is required");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
