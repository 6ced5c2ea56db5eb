package io.ticketbridge.component.servicenow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.SecretMasker;

/**
 * ServiceNow's REST APIs (Table, Attachment, OAuth) over the shared HTTP client, for one
 * integration: URLs from the integration's instance URL only, Accept/Content-Type on every call,
 * the shared per-integration 429 pause, one token refresh and retry on a 401 with OAuth, Link
 * header paging, and ServiceNow's error envelope as typed exceptions.
 */
final class ServiceNowClient {

    static final String SYSTEM = "servicenow";
    /** A page loop bound of last resort; real lists end when ServiceNow stops sending rel="next". */
    private static final int MAX_PAGES = 10_000;

    private final DeskHttpClient http;
    private final ServiceNowAuth auth;
    private final ServiceNowRateLimits limits;
    private final Integration integration;
    private final Map<String, String> creds;
    private final DeskHttpClient.Target target;
    private final Duration timeout;
    private final Supplier<Instant> now;
    private final URI instance;

    ServiceNowClient(DeskHttpClient http, ServiceNowAuth auth, ServiceNowRateLimits limits, Integration integration,
                     Map<String, String> creds, Duration timeout, Supplier<Instant> now) {
        this.http = http;
        this.auth = auth;
        this.limits = limits;
        this.integration = integration;
        this.creds = creds;
        this.timeout = timeout;
        this.now = now;
        this.instance = URI.create(instance(integration));
        double rate = Double.parseDouble(integration.configText("max_requests_per_second", "5"));
        this.target = new DeskHttpClient.Target(integration.spaceId(), integration.id(), SYSTEM, rate,
                DeskHttpClient.Target.secretsOf(creds));
    }

    /** The configured instance URL (base_url) without a trailing slash; refused unless absolute http(s). */
    static String instance(Integration integration) {
        String base = integration.baseUrl();
        URI uri;
        try {
            uri = base == null ? null : URI.create(base.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawUserInfo() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("ServiceNow integration " + integration.id() + " needs base_url set to"
                    + " its instance URL, e.g. https://example.service-now.com");
        }
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code path} starts with /api/...; parameters in the given order, values percent-encoded. */
    URI uri(String path, Map<String, String> params) {
        StringBuilder b = new StringBuilder(instance.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            b.append(sep).append(p.getKey()).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return URI.create(b.toString());
    }

    JsonNode get(URI uri) {
        return json(call("GET", uri, null, "application/json", null, false));
    }

    /** POST/PUT/PATCH with a JSON body, or DELETE (body null). */
    JsonNode write(String method, URI uri, JsonNode body) {
        byte[] bytes = body == null ? null : Json.writeBytes(body);
        return json(call(method, uri, body == null ? null : "application/json", "application/json", bytes, false));
    }

    /** Attachment API binary upload: the file's own media type is the request's Content-Type. */
    JsonNode upload(URI uri, String contentType, byte[] content) {
        return json(call("POST", uri, contentType, "application/json", content, true));
    }

    byte[] download(URI uri) {
        return call("GET", uri, null, "*/*", null, true).body();
    }

    /**
     * Every record of a list: the first page as asked, then each rel="next" URL exactly as the server
     * gave it (re-sending the first page's parameters would restart at offset 0). Short and empty
     * pages are normal (ServiceNow applies sysparm_limit before ACLs), so only a missing next link ends
     * the list; {@code maxRows} bounds it.
     */
    ArrayNode listAll(URI first, int maxRows) {
        ArrayNode all = Json.MAPPER.createArrayNode();
        Set<String> seen = new HashSet<>();
        URI uri = first;
        int pages = 0;
        while (uri != null && all.size() < maxRows) {
            if (!seen.add(uri.toString()) || ++pages > MAX_PAGES) {
                throw new DeskRejectedException("ServiceNow's next-page links loop back to " + uri.getRawPath()
                        + "; stopped after " + all.size() + " records", 0, null);
            }
            DeskHttpClient.Response r = call("GET", uri, null, "application/json", null, false);
            for (JsonNode row : json(r).path("result")) {
                if (all.size() < maxRows) {
                    all.add(row);
                }
            }
            URI current = uri;
            Optional<String> next = ServiceNowLinks.next(r);
            uri = next.map(n -> ServiceNowLinks.onInstance(instance, current, n)).orElse(null);
        }
        return all;
    }

    Integration integration() {
        return integration;
    }

    private DeskHttpClient.Response call(String method, URI uri, String contentType, String accept, byte[] body,
                                         boolean file) {
        DeskHttpClient.Response r = once(method, uri, contentType, accept, body, file);
        if (r.status() == 401 && ServiceNowAuth.grant(integration, creds) != ServiceNowAuth.Grant.BASIC) {
            // a bearer token can die early (revoked, instance restart, clock skew): one new token, one retry
            auth.invalidate(integration, creds);
            r = once(method, uri, contentType, accept, body, file);
        }
        if (r.status() >= 400) {
            throw ServiceNowErrors.forStatus(r, method + " " + uri.getRawPath(), target.secrets(), now.get());
        }
        return r;
    }

    /** One attempt; a refused token request throws here and is not retried. */
    private DeskHttpClient.Response once(String method, URI uri, String contentType, String accept, byte[] body,
                                         boolean file) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", auth.authorization(integration, creds, this::transport, timeout));
        headers.put("Accept", accept);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return transport(file ? DeskHttpClient.Request.file(method, uri, headers, body, timeout)
                : DeskHttpClient.Request.of(method, uri, headers, body, timeout));
    }

    /** Every request (API and token): refused while the integration is paused; a 429 starts a pause. */
    private DeskHttpClient.Response transport(DeskHttpClient.Request request) {
        Optional<Duration> left = limits.pauseLeft(integration.id());
        if (left.isPresent()) {
            throw new DeskUnavailableException("ServiceNow integration " + integration.id() + " is pausing after a"
                    + " 429 for " + left.get().toSeconds() + " s more; not sent", 429, left.get(), null);
        }
        DeskHttpClient.Response r = http.exchange(target, request);
        if (r.status() == 429) {
            Duration pause = limits.tooManyRequests(integration.id(), r);
            auth.paused(integration.id(), pause);
            throw new DeskUnavailableException("ServiceNow answered 429 to " + request.method() + " "
                    + request.uri().getRawPath() + ": " + SecretMasker.text(ServiceNowErrors.VendorError.of(r).summary(),
                    target.secrets()) + "; every call of this integration pauses for " + pause.toSeconds() + " s",
                    429, pause, null);
        }
        if (r.status() < 400) {
            limits.succeeded(integration.id());
        }
        return r;
    }

    private static JsonNode json(DeskHttpClient.Response r) {
        if (r.body().length == 0) {
            return Json.object();
        }
        try {
            return Json.read(r.text());
        } catch (RuntimeException e) {
            throw new DeskRejectedException("ServiceNow answered " + r.status() + " with a body that is not JSON",
                    r.status(), null);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
