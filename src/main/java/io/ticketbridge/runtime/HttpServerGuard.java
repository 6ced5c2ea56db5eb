package io.ticketbridge.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.TooLongFrameException;
import io.ticketbridge.api.ErrorBody;
import io.ticketbridge.model.Json;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of the HTTP servers camel-main starts (the API and the management port), which Camel
 * 4.18 does not expose: connection idle timeout, a deadline for a request's headers and one for its
 * body (a slowloris client that drips bytes never trips an idle timeout), header and request-line
 * sizes, and the one JSON error shape for what Vert.x answers before any route runs (414, 431, a bad
 * percent-escape's 400, and the rest of the top-level router's errors).
 *
 * <p>Camel creates its servers from the {@link Vertx} it finds in the registry; this is that Vert.x,
 * delegating everything and adjusting the options and handlers of each HTTP server it creates.
 */
final class HttpServerGuard extends VertxWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerGuard.class);

    /** Configured limits; every duration is also a configuration key (see application.properties). */
    record Limits(Duration idle, Duration headers, Duration body, int maxHeaderBytes, int maxRequestLineBytes) {
    }

    /** Where one connection stands: waiting for a request since {@code waitingSince}, or reading {@code request}. */
    private static final class Tracked {
        volatile long waitingSince = System.nanoTime();
        volatile HttpServerRequest request;
        volatile long requestSince;
    }

    private final Limits limits;
    private final Map<HttpConnection, Tracked> connections = new ConcurrentHashMap<>();

    HttpServerGuard(Limits limits) {
        super((VertxInternal) Vertx.vertx());
        this.limits = limits;
        delegate.setPeriodic(1000, id -> sweep());
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        options.setIdleTimeout((int) Math.max(1, limits.idle().toSeconds())).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxHeaderSize(limits.maxHeaderBytes()).setMaxInitialLineLength(limits.maxRequestLineBytes());
        HttpServer server = delegate.createHttpServer(options);
        server.invalidRequestHandler(HttpServerGuard::invalidRequest);
        server.connectionHandler(conn -> {
            connections.put(conn, new Tracked());
            conn.closeHandler(v -> connections.remove(conn));
        });
        return guarded(server);
    }

    /** The server as Camel sees it: its request handler (the top-level router) gets error pages and tracking. */
    private HttpServer guarded(HttpServer server) {
        return (HttpServer) Proxy.newProxyInstance(HttpServer.class.getClassLoader(), new Class<?>[] {HttpServer.class},
                (proxy, method, args) -> {
                    if ("requestHandler".equals(method.getName()) && args != null && args.length == 1) {
                        @SuppressWarnings("unchecked")
                        Handler<HttpServerRequest> handler = (Handler<HttpServerRequest>) args[0];
                        if (handler instanceof Router router) {
                            errorPages(router);
                        }
                        server.requestHandler(request -> {
                            Tracked t = connections.get(request.connection());
                            if (t != null) {
                                t.requestSince = System.nanoTime();
                                t.request = request;
                            }
                            handler.handle(request);
                        });
                        return proxy;
                    }
                    try {
                        Object result = method.invoke(server, args);
                        return result == server ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Closes connections whose request headers or body did not arrive in time. */
    private void sweep() {
        long now = System.nanoTime();
        connections.forEach((conn, t) -> {
            HttpServerRequest r = t.request;
            if (r != null && r.response().ended()) {
                t.request = null;
                t.waitingSince = now;
                r = null;
            }
            if (r == null) {
                if (now - t.waitingSince > limits.headers().toNanos()) {
                    LOG.debug("Closing a connection from {}: no complete request headers within {}",
                            conn.remoteAddress(), limits.headers());
                    conn.close();
                }
            } else if (!r.isEnded() && now - t.requestSince > limits.body().toNanos()) {
                LOG.info("Closing a connection from {}: the body of {} {} did not arrive within {}",
                        conn.remoteAddress(), r.method(), r.path(), limits.body());
                HttpServerResponse response = r.response();
                if (!response.headWritten()) {
                    write(response, 408, "request_timeout", "The request body did not arrive within "
                            + limits.body().toSeconds() + " s");
                }
                conn.close();
            }
        });
    }

    /** Requests Vert.x could not decode: request line or headers too large, or malformed. */
    private static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof TooLongFrameException && message.startsWith("An HTTP line is larger than")) {
            write(request.response(), 414, "uri_too_long", "The request line is longer than the server accepts");
        } else if (cause instanceof TooLongFrameException && message.startsWith("HTTP header is larger than")) {
            write(request.response(), 431, "header_fields_too_large",
                    "The request headers are larger than the server accepts");
        } else {
            write(request.response(), 400, "bad_request", "The request could not be parsed as HTTP");
        }
    }

    /** Errors the top-level router answers itself (a path it cannot decode, no route, an unhandled failure). */
    private static void errorPages(Router router) {
        Map<Integer, String> codes = Map.ofEntries(Map.entry(400, "bad_request"), Map.entry(401, "unauthorized"),
                Map.entry(403, "forbidden"), Map.entry(404, "not_found"), Map.entry(405, "method_not_allowed"),
                Map.entry(406, "not_acceptable"), Map.entry(408, "request_timeout"),
                Map.entry(413, "payload_too_large"), Map.entry(414, "uri_too_long"),
                Map.entry(415, "unsupported_media_type"), Map.entry(431, "header_fields_too_large"),
                Map.entry(500, "internal_error"), Map.entry(501, "not_implemented"),
                Map.entry(503, "unavailable"));
        codes.forEach((status, error) -> router.errorHandler(status, ctx -> write(ctx.response(), status, error,
                status == 400 ? "The request could not be parsed (check the path's percent-encoding)"
                        : status == 404 ? "No resource at " + ctx.request().path()
                        : status >= 500 ? "The server could not answer this request" : error.replace('_', ' '))));
    }

    static void write(HttpServerResponse response, int status, String error, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(Json.write(new ErrorBody(error, message, List.of(), List.of())));
    }
}
