package io.ticketbridge.component.servicenow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A strict loopback ServiceNow: it answers only the requests a test expects, in order (method and
 * path); anything else is answered 599 and recorded as unexpected, and {@link #verify()} fails the
 * test for it or for an expected request that never came. Every request is recorded with its raw
 * query, headers (lower-case names) and body, for exact assertions.
 */
final class SnStub implements AutoCloseable {

    record Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Query parameters, decoded, in order. */
        Map<String, String> query() {
            return decode(rawQuery);
        }

        /** A form body, decoded, in order. */
        Map<String, String> form() {
            return decode(text());
        }

        private static Map<String, String> decode(String raw) {
            Map<String, String> out = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private record Expected(String method, String path, int status, Map<String, String> headers, byte[] body,
                            String contentType, long delayMillis) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Deque<Expected> expected = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    SnStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    SnStub expect(String method, String path, int status, String body) {
        return expect(method, path, status, Map.of(), body);
    }

    SnStub expect(String method, String path, int status, Map<String, String> headers, String body) {
        expected.add(new Expected(method, path, status, headers, body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8), "application/json", 0));
        return this;
    }

    /** Expected, but answered only after {@code delayMillis} (the client times out first). */
    SnStub expectSlow(String method, String path, long delayMillis, String body) {
        expected.add(new Expected(method, path, 200, Map.of(), body.getBytes(StandardCharsets.UTF_8),
                "application/json", delayMillis));
        return this;
    }

    SnStub expectBytes(String method, String path, String contentType, byte[] body) {
        expected.add(new Expected(method, path, 200, Map.of(), body, contentType, 0));
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    Request request(int index) {
        return requests().get(index);
    }

    /** Fails when a request was not expected or an expected one did not come. */
    void verify() {
        if (!unexpected.isEmpty()) {
            throw new AssertionError("Unexpected requests to the ServiceNow stub: " + unexpected);
        }
        if (!expected.isEmpty()) {
            throw new AssertionError("Expected requests that never came: "
                    + expected.stream().map(e -> e.method() + " " + e.path()).toList());
        }
    }

    void clear() {
        expected.clear();
        requests.clear();
        unexpected.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                headers, body);
        requests.add(r);
        Expected next;
        synchronized (expected) {
            next = expected.peekFirst();
            if (next != null && next.method().equals(r.method()) && next.path().equals(r.path())) {
                expected.pollFirst();
            } else {
                next = null;
            }
        }
        if (next == null) {
            unexpected.add(r.method() + " " + r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery()));
            answer(ex, 599, Map.of(), "{\"error\":{\"message\":\"unexpected request\"}}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
            return;
        }
        Expected n = next;
        if (n.delayMillis() > 0) {
            // answer late without holding a server thread
            java.util.concurrent.CompletableFuture.delayedExecutor(n.delayMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
                        try {
                            answer(ex, n.status(), n.headers(), n.body(), n.contentType());
                        } catch (IOException ignored) {
                            // the client gave up: expected
                        }
                    });
            return;
        }
        answer(ex, n.status(), n.headers(), n.body(), n.contentType());
    }

    private static void answer(HttpExchange ex, int status, Map<String, String> headers, byte[] body,
                               String contentType) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (body.length > 0) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
