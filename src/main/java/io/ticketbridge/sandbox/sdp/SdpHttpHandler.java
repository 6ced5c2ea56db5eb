package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP entry point. Order per call: record in the journal, then (under {@code /api/v3} only) the next
 * scripted fault, the rate limit, authentication, and finally the route. {@code /oauth/v2/token} is the Zoho token
 * endpoint and is neither faulted nor rate limited, so a scripted failure always hits the API call it was meant for.
 */
final class SdpHttpHandler implements HttpHandler {

    static final String API_PREFIX = "/api/v3";
    private static final Logger LOG = LoggerFactory.getLogger(SdpHttpHandler.class);

    /** Thrown out of the handler on purpose: the JDK server then closes the socket without writing a response. */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("simulated connection reset", null, false, false);
        }
    }

    record Parts(Router router, SdpAuth auth, OAuthTokenEndpoint oauth, RateLimiter limiter, FaultInjector faults,
                 RequestJournal journal, Clock clock, ObjectMapper inputMapper) {
    }

    private final Parts parts;
    private final AtomicInteger sent429 = new AtomicInteger();

    SdpHttpHandler(Parts parts) {
        this.parts = parts;
    }

    int count429() {
        return sent429.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        parts.journal().add(new RecordedRequest(method, uri.getRawPath(), uri.getRawQuery(), headers, body,
                journalInputData(method, uri, headers, body), parts.clock().instant()));
        ApiResponse response;
        try {
            response = route(method, uri, headers, body);
        } catch (DropConnection e) {
            throw e;
        } catch (SdpApiException e) {
            response = e.toResponse();
        } catch (RuntimeException e) {
            LOG.warn("SDP simulator failed on {} {}", method, uri.getRawPath(), e);
            response = SdpApiException.internal().toResponse();
        }
        send(exchange, method, response);
    }

    private ApiResponse route(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String path = uri.getRawPath();
        if (OAuthTokenEndpoint.PATH.equals(path)) {
            return parts.oauth().handle(method, FormCodec.parse(uri.getRawQuery()), body);
        }
        if (!path.equals(API_PREFIX) && !path.startsWith(API_PREFIX + "/")) {
            throw SdpApiException.notFound("Invalid URL");
        }
        FaultInjector.Fault fault = parts.faults().next();
        if (fault instanceof FaultInjector.Delay delay) {
            pause(delay);
        } else if (fault instanceof FaultInjector.Reset) {
            throw new DropConnection();
        } else if (fault instanceof FaultInjector.Fail fail) {
            return scripted(fail);
        }
        parts.limiter().acquire();
        ApiCall call = call(method, uri, headers, body);
        parts.auth().check(call);
        return parts.router().dispatch(call);
    }

    private ApiCall call(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        List<String> segments = new ArrayList<>();
        for (String segment : uri.getRawPath().substring(API_PREFIX.length()).split("/")) {
            if (!segment.isEmpty()) {
                try {
                    segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw SdpApiException.notFound("Invalid URL");
                }
            }
        }
        return new ApiCall(method, segments, headers, FormCodec.parse(uri.getRawQuery()), body, Map.of(),
                parts.inputMapper());
    }

    private JsonNode journalInputData(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        try {
            return ApiCall.parseInputData(call(method, uri, headers, body).rawInputData(), parts.inputMapper());
        } catch (RuntimeException e) {
            // The journal keeps raw bytes regardless; bad input is answered later, by the route.
            return null;
        }
    }

    private static void pause(FaultInjector.Delay delay) {
        try {
            Thread.sleep(delay.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DropConnection();
        }
    }

    private static ApiResponse scripted(FaultInjector.Fail fail) {
        String body = fail.body() == null ? "" : fail.body();
        String trimmed = body.trim();
        String type = trimmed.startsWith("{") || trimmed.startsWith("[") ? ApiResponse.JSON : "text/plain;charset=UTF-8";
        return new ApiResponse(fail.status(), type, body.getBytes(StandardCharsets.UTF_8), fail.headers());
    }

    private void send(HttpExchange exchange, String method, ApiResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> {
            if (!"content-length".equalsIgnoreCase(name)) {
                out.set(name, value);
            }
        });
        if (response.status() == 429) {
            sent429.incrementAndGet();
        }
        byte[] bytes = response.body();
        boolean noBody = "HEAD".equals(method) || bytes.length == 0 || response.status() == 204;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
        exchange.close();
    }
}
