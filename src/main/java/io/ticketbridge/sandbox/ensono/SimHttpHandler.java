package io.ticketbridge.sandbox.ensono;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Front door for every request: journals it, applies scripted faults to bridge API calls, then hands it
 * to the bridge router, the S3 stand-in or the simulator controls.
 *
 * <p>A delayed request is still processed after the delay, like a bridge call whose client gave up
 * waiting: a create that "timed out" may well exist on the Ensono side. Reset and failure faults are not
 * processed.
 */
final class SimHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimHttpHandler.class);

    private final BridgeRouter router;
    private final PresignedStorage storage;
    private final AgentHttpApi agentApi;
    private final RequestJournal journal;
    private final FaultInjector faults;
    private final SimTime time;

    SimHttpHandler(BridgeRouter router, PresignedStorage storage, AgentHttpApi agentApi, RequestJournal journal,
                   FaultInjector faults, SimTime time) {
        this.router = router;
        this.storage = storage;
        this.agentApi = agentApi;
        this.journal = journal;
        this.faults = faults;
        this.time = time;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            RecordedRequest request = read(exchange);
            String path = request.path();
            if (path.startsWith(AgentHttpApi.PREFIX)) {
                send(exchange, agentApi.handle(request));
                return;
            }
            journal.record(request);
            if (path.startsWith(PresignedStorage.PATH_PREFIX)) {
                send(exchange, storage.handle(request));
                return;
            }
            FaultInjector.Plan plan = faults.next();
            if (!plan.delay().isZero()) {
                Thread.sleep(plan.delay().toMillis());
            }
            if (plan.reset()) {
                LOG.debug("dropping connection for {} {}", request.method(), path);
                return; // closing an exchange before any response headers closes the TCP connection
            }
            if (plan.failure() != null) {
                send(exchange, failure(plan.failure()));
                return;
            }
            send(exchange, router.route(request));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("simulator error on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            trySend(exchange, BridgeErrors.internalServerError());
        } finally {
            exchange.close();
        }
    }

    private RecordedRequest read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Headers raw = exchange.getRequestHeaders();
        raw.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body, Json.parseLenient(body), time.now());
    }

    private static SimResponse failure(FaultInjector.Failure failure) {
        String body = failure.body() == null ? "" : failure.body();
        String trimmed = body.trim();
        String type = trimmed.startsWith("{") || trimmed.startsWith("[") ? "application/json"
                : trimmed.startsWith("<") ? "application/xml" : "text/plain";
        return SimResponse.raw(failure.status(), type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void trySend(HttpExchange exchange, SimResponse response) {
        try {
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send error response: {}", e.toString());
        }
    }

    private static void send(HttpExchange exchange, SimResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        response.headers().forEach(headers::set);
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
