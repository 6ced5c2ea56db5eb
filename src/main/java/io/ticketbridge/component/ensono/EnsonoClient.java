package io.ticketbridge.component.ensono;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.SecretMasker;

/**
 * HTTP calls to one Ensono bridge ({@code <base>/tickets...}, {@code /queue}) through the shared
 * {@link DeskHttpClient}, which paces them and audits every request and response with the
 * {@code x-api-key} header masked. Outcomes become typed exceptions; the bridge's own error bodies are
 * read so an invalid group is told apart from other rejections.
 */
public final class EnsonoClient {

    public static final String SYSTEM = "ensono";

    /** Timeout rule: wait a jittered 60-120 s before resending a transaction that timed out. */
    public record TimeoutRule(long minSeconds, long maxSeconds) {
        public Duration nextWait() {
            long lo = Math.max(0, minSeconds);
            long hi = Math.max(lo, maxSeconds);
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(lo * 1000, hi * 1000 + 1));
        }
    }

    private final DeskHttpClient http;
    private final Integration integration;
    private final String apiKey;
    private final Duration timeout;
    private final TimeoutRule timeoutRule;

    public EnsonoClient(DeskHttpClient http, Integration integration, Map<String, String> credentials,
                        Duration timeout, TimeoutRule timeoutRule) {
        this.http = http;
        this.integration = integration;
        this.apiKey = credentials.get("api_key");
        this.timeout = timeout;
        this.timeoutRule = timeoutRule;
        if (integration.baseUrl() == null || integration.baseUrl().isBlank()) {
            throw new IllegalArgumentException("Ensono integration " + integration.id() + " has no base_url");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new DeskAuthenticationException("Ensono integration " + integration.id()
                    + " has no api_key credential", 0);
        }
    }

    public String clientName() {
        return integration.configText("client_name", "");
    }

    private DeskHttpClient.Target target() {
        return new DeskHttpClient.Target(integration.spaceId(), integration.id(), SYSTEM,
                integration.configInt("max_requests_per_second", 10), Set.of(apiKey));
    }

    /** An answer as text with its secret fields (a pre-signed URL's signature among them) masked. */
    private String masked(JsonNode answer) {
        return Json.write(SecretMasker.tree(answer, Set.of(apiKey)));
    }

    private URI uri(String path) {
        String base = integration.baseUrl().endsWith("/") ? integration.baseUrl().substring(0,
                integration.baseUrl().length() - 1) : integration.baseUrl();
        return URI.create(base + path);
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends and returns the JSON answer (2xx); throws the typed exceptions otherwise. */
    public JsonNode call(String method, String path, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", apiKey);
        headers.put("Accept", "application/json");
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = Json.writeBytes(body);
        }
        DeskHttpClient.Response r;
        try {
            r = http.exchange(target(), DeskHttpClient.Request.of(method, uri(path), headers, bytes, timeout));
        } catch (DeskUnavailableException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                Duration wait = timeoutRule.nextWait();
                throw new DeskUnavailableException("Ensono did not answer " + method + " " + path + " within "
                        + timeout.toMillis() + " ms; resending in " + wait.toSeconds() + " s", 0, wait, e.getCause());
            }
            throw e;
        }
        return classify(method, path, r);
    }

    /**
     * Transfers a file to an Ensono ticket the way the bridge's guide describes: ask for a one-time
     * pre-signed upload URL ({@code GET /tickets/{n}/attachments/{fileName}}), then PUT the raw bytes to
     * it with the file's Content-Type and no {@code x-api-key}. An expired URL (S3 answers 403 "Request
     * has expired") is worth a retry with a fresh one; any other refusal is not.
     */
    public void uploadAttachment(String ticketNumber, String fileName, String contentType, byte[] content) {
        String path = "/tickets/" + segment(ticketNumber) + "/attachments/" + segment(fileName);
        JsonNode answer = call("GET", path, null);
        JsonNode response = answer.path("Response");
        String url = response.isObject() ? response.path("body").asText("") : "";
        int code = response.path("code").asInt(200);
        if (code != 200 || !url.startsWith("http")) {
            throw new DeskRejectedException("Ensono gave no upload URL for " + fileName + ": "
                    + abbreviate(masked(answer)), code, masked(answer));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType == null || contentType.isBlank()
                ? "application/octet-stream" : contentType);
        DeskHttpClient.Response r = http.exchange(target(), DeskHttpClient.Request.file("PUT", URI.create(url),
                headers, content, timeout));
        storageOutcome("upload of " + fileName, r);
    }

    /**
     * Fetches a file Ensono attached (its message carries a pre-signed GET URL, no {@code x-api-key}).
     * Returns empty when the URL has expired (the caller records the file by name instead); throws
     * {@link DeskUnavailableException} for what a later attempt may get past, and rejects a file over
     * {@code maxBytes}.
     */
    public java.util.Optional<byte[]> downloadAttachment(String url, long maxBytes) {
        // read no further than the limit: a larger file is refused without being downloaded
        DeskHttpClient.Response r = http.exchange(target(), DeskHttpClient.Request.file("GET", URI.create(url),
                Map.of(), null, timeout).withMaxResponseBytes(maxBytes));
        if (r.status() == 403 && r.text().contains("expired")) {
            return java.util.Optional.empty();
        }
        storageOutcome("download", r);
        if (r.truncated()) {
            throw new DeskRejectedException("Ensono attachment is over the limit of " + maxBytes + " bytes", 413, null);
        }
        return java.util.Optional.of(r.body());
    }

    private static void storageOutcome(String what, DeskHttpClient.Response r) {
        int status = r.status();
        if (status < 300) {
            return;
        }
        String text = abbreviate(SecretMasker.body(r.text(), r.header("Content-Type").orElse(null), Set.of()));
        if (status == 403 && text.contains("expired")) {
            throw new DeskUnavailableException("Ensono file " + what + ": the pre-signed URL expired; retrying with a"
                    + " fresh one", status, null, null);
        }
        if (status == 429 || status >= 500) {
            throw new DeskUnavailableException("Ensono file " + what + " answered " + status + ": " + text, status,
                    null, null);
        }
        throw new DeskRejectedException("Ensono file " + what + " answered " + status + ": " + text, status, text);
    }

    static JsonNode classify(String method, String path, DeskHttpClient.Response r) {
        JsonNode json;
        try {
            json = r.body().length == 0 ? Json.object() : Json.read(r.text());
        } catch (RuntimeException e) {
            json = com.fasterxml.jackson.databind.node.TextNode.valueOf(r.text());
        }
        int status = r.status();
        String what = "Ensono answered " + status + " to " + method + " " + path;
        if (status < 400 && !looksLikeError(json)) {
            return json;
        }
        String text = r.text();
        if (status == 401 || status == 403) {
            throw new DeskAuthenticationException(what + ": " + abbreviate(text), status);
        }
        if (status == 429 || status >= 500) {
            throw new DeskUnavailableException(what + ": " + abbreviate(text), status, null, null);
        }
        if (text.contains("assigment_group") || text.contains("assignment_group")) {
            throw new EnsonoInvalidGroupException(what + ": invalid group: " + abbreviate(text), status, text);
        }
        throw new DeskRejectedException(what + ": " + abbreviate(text), status, text);
    }

    /** A 2xx with an error body ({"Error":...} or a Response array) is still an error. */
    private static boolean looksLikeError(JsonNode json) {
        return json.has("Error") || json.path("Response").isArray();
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
