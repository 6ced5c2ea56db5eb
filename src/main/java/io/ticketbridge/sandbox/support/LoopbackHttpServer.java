package io.ticketbridge.sandbox.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server on 127.0.0.1 only, shared by simulators. Per request: record it in the journal, then, when the
 * request is in the fault scope, apply the next scripted fault (delay, scripted answer or dropped connection), then
 * call the handler. The worker pool is bounded so a runaway client cannot spawn threads without limit.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body in separate packets; with Nagle on, each response then waits for
        // the client's delayed ACK (~40 ms). The property is read once per JVM, before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackHttpServer.class);

    /** Thrown out of the exchange on purpose: the JDK server then closes the socket without writing a response. */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("simulated connection reset", null, false, false);
        }
    }

    /** What the server needs from its simulator. */
    public record Config(int port, int threads, String threadName, Clock clock, RequestJournal journal,
                         FaultInjector faults, Predicate<RecordedRequest> faultScope, SimHandler handler) {
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Config config;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoopbackHttpServer(Config config) throws IOException {
        this.config = config;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), config.port()), 128);
        AtomicInteger threadNo = new AtomicInteger();
        // All workers busy and the queue full: the dispatcher runs the exchange itself, slower but never dropped.
        executor = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1024), runnable -> {
                    Thread thread = new Thread(runnable, config.threadName() + "-" + threadNo.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** Binds (port 0 = any free port) and starts serving. */
    public static LoopbackHttpServer start(Config config) {
        try {
            return new LoopbackHttpServer(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + config.threadName() + " on port " + config.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Immediate stop; workers held in an injected delay are interrupted and drop their connections. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        RecordedRequest request = record(exchange);
        config.journal().add(request);
        SimResponse response;
        try {
            response = faulted(request);
            if (response == null) {
                response = config.handler().handle(request);
            }
        } catch (DropConnection e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("{} failed on {} {}", config.threadName(), request.method(), request.path(), e);
            // A simulator bug, not a scripted answer: plain text, so no test mistakes it for the vendor's error body.
            response = SimResponse.of(500, "text/plain;charset=UTF-8",
                    "Internal simulator error".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        send(exchange, request.method(), response);
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        return new RecordedRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(),
                uri.getRawQuery(), headers, body, config.clock().instant());
    }

    /** The scripted answer, null to go on to the handler (also after a delay). */
    private SimResponse faulted(RecordedRequest request) {
        if (!config.faultScope().test(request)) {
            return null;
        }
        FaultInjector.Fault fault = config.faults().next();
        if (fault instanceof FaultInjector.Delay delay) {
            pause(delay);
        } else if (fault instanceof FaultInjector.Reset) {
            throw new DropConnection();
        } else if (fault instanceof FaultInjector.Fail fail) {
            String trimmed = fail.body().trim();
            boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
            return SimResponse.of(fail.status(), json ? SimResponse.JSON : "text/plain;charset=UTF-8",
                    fail.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).withHeaders(fail.headers());
        }
        return null;
    }

    private static void pause(FaultInjector.Delay delay) {
        try {
            Thread.sleep(delay.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DropConnection();
        }
    }

    private static void send(HttpExchange exchange, String method, SimResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        response.headers().forEach((name, value) -> {
            if (!"content-length".equalsIgnoreCase(name)) {
                out.set(name, value);
            }
        });
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
