package io.ticketbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;

/** A real HTTP client against the running API (loopback). */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String key;

    public ApiClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        public JsonNode json() {
            return Json.read(text());
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object json) {
        return send("POST", path, "application/json", json == null ? null : bytes(json));
    }

    public Response put(String path, Object json) {
        return send("PUT", path, "application/json", bytes(json));
    }

    public Response patch(String path, Object json) {
        return send("PATCH", path, "application/json", bytes(json));
    }

    /** A multipart/form-data upload with one file part, as a browser or curl -F sends it. */
    public Response upload(String path, String field, String filename, String partType, byte[] content) {
        String boundary = "----tb" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + partType + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, body, Map.of());
    }

    public Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            ApiContract.check(baseUrl, method, path, r.statusCode(), r.headers().map(), r.body());
            Map<String, String> sent = new java.util.LinkedHashMap<>(headers);
            if (key != null) {
                sent.put("Authorization", "Bearer " + key);
            }
            if (contentType != null) {
                sent.put("Content-Type", contentType);
            }
            ApiContract.checkAccepted(baseUrl, method, path, sent, body, r.statusCode());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object json) {
        if (json instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return Json.writeBytes(json);
    }
}
