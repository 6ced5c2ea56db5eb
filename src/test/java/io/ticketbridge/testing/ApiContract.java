package io.ticketbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Holds every API answer a test receives to the server's own /api/openapi.json: the status must be one
 * the operation documents (or its default) and the body must match that response's schema. A response
 * that breaks the contract fails the test that received it. {@code -Dticketbridge.contract=off} turns it off.
 */
public final class ApiContract {

    private static final boolean ON = !"off".equals(System.getProperty("ticketbridge.contract"));
    private static final Map<String, OpenApiInteractionValidator> BY_SERVER = new ConcurrentHashMap<>();
    /** What the validator says of a call to a path or method the document does not have. */
    private static final java.util.Set<String> UNDOCUMENTED = java.util.Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiContract() {
    }

    /**
     * A request the server accepted (2xx) must be one the document allows: its parameters, content type and
     * body. Requests the server refused are left alone (tests send bad input on purpose).
     */
    public static void checkAccepted(String baseUrl, String method, String path, Map<String, String> headers,
                                     byte[] body, int status) {
        if (!ON || status >= 300 || !path.startsWith("/api/") || path.startsWith("/api/openapi.json")
                || "HEAD".equals(method)) {
            return;
        }
        int q = path.indexOf('?');
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, q < 0 ? path : path.substring(0, q));
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
                request.withQueryParam(name, value);
            }
        }
        headers.forEach(request::withHeader);
        if (body != null && body.length > 0) {
            request.withBody(body);
        }
        ValidationReport report = validator(baseUrl).validateRequest(request.build());
        if (report.hasErrors()) {
            throw new AssertionError("The request " + method + " " + path + ", which the server accepted (" + status
                    + "), breaks the API contract:\n" + report.getMessages());
        }
    }

    /** Throws an AssertionError naming each way the answer departs from the document. */
    public static void check(String baseUrl, String method, String path, int status, Map<String, List<String>> headers,
                             byte[] body) {
        if (!ON || !path.startsWith("/api/") || path.startsWith("/api/openapi.json") || "HEAD".equals(method)) {
            return; // HEAD answers as GET does, without the body
        }
        OpenApiInteractionValidator validator = validator(baseUrl);
        ValidationReport report = check(validator, method, path, status, headers, body);
        if (report.hasErrors() && status >= 400 && report.getMessages().stream().allMatch(m -> UNDOCUMENTED.contains(
                m.getKey()))) {
            // no such operation (404, 405): the answer must still be an error in the one shape
            report = check(validator, "GET", "/api/ping", status, headers, body);
        }
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + method + " " + path + " (" + status + ") breaks the API"
                    + " contract:\n" + report.getMessages());
        }
    }

    /** The report for one answer against a given validator (the deliberate-breakage test uses it directly). */
    public static ValidationReport check(OpenApiInteractionValidator validator, String method, String path, int status,
                                         Map<String, List<String>> headers, byte[] body) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((k, v) -> response.withHeader(k, v));
        if (body != null && body.length > 0) {
            response.withBody(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        return validator.validateResponse(pathOnly, Request.Method.valueOf(method.toUpperCase()), response.build());
    }

    public static OpenApiInteractionValidator validator(String baseUrl) {
        return BY_SERVER.computeIfAbsent(baseUrl, url -> OpenApiInteractionValidator
                .createForInlineApiSpecification(document(url)).build());
    }

    public static String document(String baseUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A restarted runtime on the same port may serve another document. */
    public static void forget(String baseUrl) {
        BY_SERVER.remove(baseUrl);
    }
}
