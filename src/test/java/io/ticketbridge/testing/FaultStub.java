package io.ticketbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP endpoint that answers from a script (status, headers, delay, connection reset)
 * and records every request. After the script runs out it answers 200 {"ok":true}.
 */
public final class FaultStub implements AutoCloseable {

    public record Recorded(String method, String path, Map<String, String> headers, String body, long atMillis) {
    }

    private record Step(int status, Map<String, String> headers, String body, Duration delay, boolean reset,
                        String echoHeader) {
        Step(int status, Map<String, String> headers, String body, Duration delay, boolean reset) {
            this(status, headers, body, delay, reset, null);
        }
    }

    private final HttpServer server;
    private final Deque<Step> script = new ConcurrentLinkedDeque<>();
    private final List<Map.Entry<String, Step>> matched = Collections.synchronizedList(new ArrayList<>());
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

    public FaultStub() {
        this(0);
    }

    /** Binds a given port (0 = any): a stub that was closed can come back on the same address. */
    public FaultStub(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FaultStub respond(int status, Map<String, String> headers, String body) {
        script.add(new Step(status, headers, body, Duration.ZERO, false));
        return this;
    }

    public FaultStub respond(int status) {
        return respond(status, Map.of(), "{\"status\":" + status + "}");
    }

    /** Answers {@code status} once to the next request whose body contains {@code fragment}, before the script. */
    public FaultStub respondTo(String fragment, int status) {
        matched.add(Map.entry(fragment, new Step(status, Map.of(), "{\"status\":" + status + "}", Duration.ZERO, false)));
        return this;
    }

    public FaultStub delay(Duration delay) {
        script.add(new Step(200, Map.of(), "{\"ok\":true}", delay, false));
        return this;
    }

    /** Answers {@code status} with a body that echoes the request's {@code header} (as a careless vendor would). */
    public FaultStub respondEchoing(int status, String header) {
        script.add(new Step(status, Map.of(), null, Duration.ZERO, false, header.toLowerCase()));
        return this;
    }

    public FaultStub reset() {
        script.add(new Step(0, Map.of(), null, Duration.ZERO, true));
        return this;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The POSTs received (job deliveries and executes; connection tests are GETs). */
    public List<Recorded> posts() {
        return requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.add(new Recorded(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, body,
                System.currentTimeMillis()));
        Step step = null;
        synchronized (matched) {
            for (var it = matched.iterator(); it.hasNext() && step == null; ) {
                var m = it.next();
                if (body.contains(m.getKey())) {
                    step = m.getValue();
                    it.remove();
                }
            }
        }
        if (step == null) {
            step = script.poll();
        }
        if (step == null) {
            step = new Step(200, Map.of(), "{\"ok\":true}", Duration.ZERO, false);
        }
        if (step.reset()) {
            // close without a response: the client sees the connection closed mid-exchange
            ex.close();
            return;
        }
        if (step.echoHeader() != null) {
            String echoed = headers.getOrDefault(step.echoHeader(), "");
            step = new Step(step.status(), step.headers(), "{\"error\":\"denied\",\"you_sent\":\""
                    + echoed.replace("\"", "'") + "\"}", Duration.ZERO, false);
        }
        Step s = step;
        if (!step.delay().isZero()) {
            // answer late without holding a server thread
            CompletableFuture.delayedExecutor(step.delay().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                try {
                    answer(ex, s);
                } catch (IOException ignored) {
                    // the client gave up (timeout): expected
                }
            });
            return;
        }
        answer(ex, s);
    }

    private static void answer(HttpExchange ex, Step step) throws IOException {
        byte[] out = step.body() == null ? new byte[0] : step.body().getBytes(StandardCharsets.UTF_8);
        step.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(step.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
