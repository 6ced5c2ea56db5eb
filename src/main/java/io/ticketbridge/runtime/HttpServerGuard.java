package io.ticketbridge.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of the HTTP servers camel-main starts (the API and the management port), which Camel
 * 4.18 does not expose: how long a connection may wait idle for its next request, a deadline for a
 * request's headers from their first byte and one for its body (a slowloris client that drips bytes
 * never trips an idle timeout; a request being answered is never cut off), header and request-line
 * sizes, and the one JSON error shape for what Vert.x answers itself (414, 431, a bad percent-escape's
 * 400, a body over the server limit's 413, and every other error of the top-level router, which also
 * sees the failures of Camel's sub-router).
 *
 * <p>Camel creates its servers from the {@link Vertx} it finds in the registry; this is that Vert.x,
 * delegating everything and adjusting the options and handlers of each HTTP server it creates.
 */
final class HttpServerGuard extends VertxWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerGuard.class);

    /** Configured limits; every duration is also a configuration key (see application.properties). */
    record Limits(Duration idle, Duration headers, Duration body, int maxHeaderBytes, int maxRequestLineBytes) {
    }

    /**
     * Where one connection stands: waiting for a request since {@code waitingSince} (with its first bytes
     * at {@code headersSince}, 0 while none came), or reading {@code request} since {@code requestSince}.
     */
    private static final class Tracked {
        volatile long waitingSince = System.nanoTime();
        volatile long headersSince;
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
        // no connection-level idle timeout: it would also cut a request the API is still answering (a
        // bounded wait such as POST /api/jobs/process); the sweep below only times out reading
        // no cleartext HTTP/2 either: its protocol sniffing holds a connection back until the first bytes, so a
        // client that sends none would never be seen (and never be closed)
        options.setMaxHeaderSize(limits.maxHeaderBytes()).setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setHttp2ClearTextEnabled(false);
        HttpServer server = delegate.createHttpServer(options);
        server.invalidRequestHandler(HttpServerGuard::invalidRequest);
        server.connectionHandler(conn -> {
            Tracked t = new Tracked();
            connections.put(conn, t);
            conn.closeHandler(v -> connections.remove(conn));
            if (conn instanceof ConnectionBase base) {
                // the first bytes of a request start its header deadline; bytes before any request are idle time
                base.channel().pipeline().addFirst("ticketbridge-read-tracker", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (t.request == null && t.headersSince == 0) {
                            t.headersSince = System.nanoTime();
                        }
                        ctx.fireChannelRead(msg);
                    }
                });
            }
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
                                t.headersSince = 0;
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
                long started = t.headersSince;
                if (started != 0 && now - started > limits.headers().toNanos()) {
                    LOG.debug("Closing a connection from {}: no complete request headers within {}",
                            conn.remoteAddress(), limits.headers());
                    conn.close();
                } else if (started == 0 && now - t.waitingSince > limits.idle().toNanos()) {
                    LOG.debug("Closing a connection from {}: idle for {}", conn.remoteAddress(), limits.idle());
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
                switch (status) {
                    case 400 -> "The request could not be parsed (check the percent-encoding of its path and query)";
                    case 404 -> "No resource at " + ctx.request().path();
                    case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
                    case 413 -> "The request body exceeds the server limit";
                    default -> status >= 500 ? "The server could not answer this request" : error.replace('_', ' ');
                })));
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
