package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain SDP v3 client over java.net.http, the way connectors talk to the real service. */
final class SdpTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient http;
    private final String apiUrl;
    private final String authHeader;
    private final String authValue;

    private SdpTestClient(HttpClient http, String apiUrl, String authHeader, String authValue) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.authHeader = authHeader;
        this.authValue = authValue;
    }

    /** Authenticates like an on-prem client: {@code authtoken: <key>}. */
    static SdpTestClient onPrem(SdpSimulator sim) {
        return new SdpTestClient(newHttp(), sim.apiUrl(), "authtoken", sim.authtoken());
    }

    static SdpTestClient withHeader(SdpSimulator sim, String header, String value) {
        return new SdpTestClient(newHttp(), sim.apiUrl(), header, value);
    }

    static HttpClient newHttp() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    record Response(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            return SdpTestClient.json(new String(body, StandardCharsets.UTF_8));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(String inputData) {
        return "input_data=" + URLEncoder.encode(inputData, StandardCharsets.UTF_8);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", SdpSimulator.ACCEPT);
        return authHeader == null ? builder : builder.header(authHeader, authValue);
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    /** GET with {@code input_data} in the query string, as most clients send list options. */
    Response get(String path, String inputData) {
        return send(request(path + "?" + form(inputData)).GET());
    }

    Response post(String path, String inputData) {
        return send(withForm(request(path), "POST", inputData));
    }

    Response put(String path, String inputData) {
        return send(withForm(request(path), "PUT", inputData));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    Response delete(String path, String inputData) {
        return send(withForm(request(path), "DELETE", inputData));
    }

    static HttpRequest.Builder withForm(HttpRequest.Builder builder, String method, String inputData) {
        return builder.header("Content-Type", FORM)
                .method(method, HttpRequest.BodyPublishers.ofString(form(inputData)));
    }

    Response send(HttpRequest.Builder builder) {
        try {
            return sendChecked(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response sendChecked(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Creates a request from a JSON object literal of its fields and returns its id. */
    String create(String requestFields) {
        Response response = post("/requests", "{\"request\":" + requestFields + "}");
        if (response.status() != 201) {
            throw new AssertionError("create failed: " + response.status() + " " + response.text());
        }
        return response.json().path("request").path("id").asText();
    }
}
