package io.ticketbridge.component.support;

import io.ticketbridge.connector.DeskUnavailableException;

import io.ticketbridge.connector.DeskRejectedException;

import io.ticketbridge.connector.DeskAuthenticationException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ticketbridge.security.SecretMasker;
import io.ticketbridge.store.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client of the connectors: paces calls per integration, maps outcomes to the typed
 * exceptions (401/403 authentication; 429/500/502/503/504/timeouts/resets unavailable with
 * Retry-After; other 4xx rejected with the vendor body) and audits every request and response with
 * secrets masked.
 */
public final class DeskHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(DeskHttpClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final int AUDIT_BODY_CHARS = 8_000;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final AuditStore audit;
    private final RateGovernor governor;

    public DeskHttpClient(AuditStore audit, RateGovernor governor) {
        this.audit = audit;
        this.governor = governor;
    }

    /**
     * Who the call is for: drives pacing and the audit entry. {@code secrets}: the integration's own
     * credential values, masked wherever they stand in this call's record (and nowhere else).
     */
    public record Target(String spaceId, String integrationId, String system, double maxRequestsPerSecond,
                         Set<String> secrets) {
        public Target {
            secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        }

        public Target(String spaceId, String integrationId, String system, double maxRequestsPerSecond) {
            this(spaceId, integrationId, system, maxRequestsPerSecond, Set.of());
        }

        /** The same target with these credential values masked in its records. */
        public static Set<String> secretsOf(Map<String, String> credentials) {
            return credentials == null ? Set.of() : credentials.values().stream()
                    .filter(v -> v != null && !v.isBlank()).collect(java.util.stream.Collectors.toSet());
        }
    }

    /**
     * {@code fileTransfer}: the body sent or received is a file; the audit log records its size only.
     * {@code maxResponseBytes}: above this the response body is not read on (0: no limit); see
     * {@link Response#truncated()}.
     */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
                          boolean fileTransfer, long maxResponseBytes) {
        public static Request of(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
            return new Request(method, uri, headers, body, timeout, false, 0);
        }

        public static Request file(String method, URI uri, Map<String, String> headers, byte[] body,
                                   Duration timeout) {
            return new Request(method, uri, headers, body, timeout, true, 0);
        }

        /** The same request, reading at most {@code max} bytes of the response body. */
        public Request withMaxResponseBytes(long max) {
            return new Request(method, uri, headers, body, timeout, fileTransfer, max);
        }
    }

    /**
     * {@code truncated}: the body was longer than the request's limit (by its Content-Length, or by what
     * arrived); {@code body} is then empty and the rest was not downloaded.
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, long elapsedMillis,
                           boolean truncated) {
        public Response(int status, Map<String, List<String>> headers, byte[] body, long elapsedMillis) {
            this(status, headers, body, elapsedMillis, false);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** Sends and returns the response when its status is below 400; otherwise throws a typed exception. */
    public Response send(Target target, Request request) {
        Response response = exchange(target, request);
        classify(target, response, request.method() + " " + request.uri().getPath());
        return response;
    }

    /** Sends and returns whatever came back (for callers that interpret 4xx bodies themselves). */
    public Response exchange(Target target, Request request) {
        governor.acquire(target.integrationId(), target.maxRequestsPerSecond());
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
        request.headers().forEach(b::header);
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body());
        b.method(request.method(), publisher);
        long start = System.nanoTime();
        try {
            Response response;
            if (request.maxResponseBytes() > 0) {
                response = limited(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()),
                        request.maxResponseBytes(), start);
            } else {
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                response = new Response(r.statusCode(), r.headers().map(), r.body(), millisSince(start));
            }
            auditCall(target, request, response, null);
            return response;
        } catch (HttpTimeoutException e) {
            auditCall(target, request, null, "timeout after " + request.timeout().toMillis() + " ms");
            throw new DeskUnavailableException(target.system() + " did not answer within "
                    + request.timeout().toMillis() + " ms", 0, null, e);
        } catch (IOException e) {
            auditCall(target, request, null, "I/O error: " + e.getClass().getSimpleName() + " " + e.getMessage());
            throw new DeskUnavailableException(target.system() + " connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeskUnavailableException("Interrupted while calling " + target.system(), 0, null, e);
        }
    }

    /** Reads at most {@code max} bytes: a longer body (announced or not) is abandoned, not downloaded. */
    private static Response limited(HttpResponse<java.io.InputStream> r, long max, long start) throws IOException {
        long announced = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (java.io.InputStream in = r.body()) {
            if (announced > max) {
                return new Response(r.statusCode(), r.headers().map(), new byte[0], millisSince(start), true);
            }
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            boolean over = bytes.length > max;
            return new Response(r.statusCode(), r.headers().map(), over ? new byte[0] : bytes, millisSince(start),
                    over);
        }
    }

    /** Throws the typed exception for a status of 400 or more; returns quietly otherwise. */
    public void classify(Target target, Response response, String call) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        String what = target.system() + " answered " + status + " to " + call;
        if (status == 401 || status == 403) {
            throw new DeskAuthenticationException(what, status);
        }
        if (RETRYABLE.contains(status)) {
            Duration retryAfter = response.header("Retry-After")
                    .map(v -> RetryAfter.parse(v, Instant.now())).orElse(null);
            throw new DeskUnavailableException(what, status, retryAfter, null);
        }
        String body = SecretMasker.body(response.text(), response.header("Content-Type").orElse(null),
                target.secrets());
        throw new DeskRejectedException(what + ": " + abbreviate(body, 500), status, body);
    }

    private void auditCall(Target target, Request request, Response response, String failure) {
        try {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("system", target.system());
            detail.put("method", request.method());
            // masked by the call's structure (headers, query, body fields) and its integration's own
            // credentials, before anything is serialized
            Set<String> own = target.secrets();
            detail.put("url", SecretMasker.url(request.uri().toString(), own));
            detail.put("request_headers", SecretMasker.headers(request.headers(), own));
            if (request.body() != null && request.body().length > 0) {
                String type = request.headers().entrySet().stream()
                        .filter(e -> "content-type".equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElse(null);
                detail.put("request_body", !request.fileTransfer() && textual(type)
                        ? abbreviate(SecretMasker.body(new String(request.body(), StandardCharsets.UTF_8), type, own),
                                AUDIT_BODY_CHARS)
                        : "[" + request.body().length + " bytes]");
            }
            if (response != null) {
                String type = response.header("Content-Type").orElse(null);
                detail.put("status", response.status());
                detail.put("response_body", !(request.fileTransfer() && response.status() < 300) && textual(type)
                        ? abbreviate(SecretMasker.body(response.text(), type, own), AUDIT_BODY_CHARS)
                        : response.truncated() ? "[over " + request.maxResponseBytes() + " bytes, not read]"
                        : "[" + response.body().length + " bytes]");
                detail.put("elapsed_ms", response.elapsedMillis());
            } else {
                detail.put("failure", SecretMasker.text(failure, own));
            }
            String outcome = response != null && response.status() < 400 ? "success" : "failure";
            audit.record(target.spaceId(), "ticketbridge", "OUTBOUND " + request.method() + " " + target.system(),
                    "integration", target.integrationId(), outcome, response == null ? null : response.status(), detail);
        } catch (RuntimeException e) {
            LOG.error("Could not audit the call to {}", target.system(), e);
        }
    }

    /** Bodies worth keeping as text in the audit log; files (attachments) are recorded by size only. */
    static boolean textual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("x-www-form-urlencoded")
                || t.contains("javascript");
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + (s.length() - max) + " more chars)";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
