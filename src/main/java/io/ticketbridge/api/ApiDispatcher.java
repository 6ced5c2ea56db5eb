package io.ticketbridge.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.ticketbridge.model.Json;
import io.ticketbridge.store.AuditStore;
import io.ticketbridge.store.ConcurrentUpdateException;
import io.ticketbridge.store.DuplicateException;
import io.ticketbridge.store.InvalidValueException;
import io.ticketbridge.store.Sql;
import io.vertx.core.http.HttpServerRequest;
import jakarta.activation.DataHandler;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.CamelFileDataSource;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every /api call passes here: correlation id, authentication, per-space rate limit, routing,
 * the handler, the one error shape, response headers, and the audit of mutations. Request headers
 * never echo back: the response carries only what is set here.
 */
public final class ApiDispatcher implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final Pattern CORRELATION = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    private final ApiRoutes routes;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final Function<Principal, RateLimitTarget> rateTarget;
    private final AuditStore audit;
    private final AuthFailures authFailures;
    private final long maxJsonBytes;

    /** The space a call counts against and that space's limits. */
    public record RateLimitTarget(String spaceId, RateLimiter.Limits limits) {
    }

    public ApiDispatcher(ApiRoutes routes, Authenticator authenticator, RateLimiter limiter,
                         Function<Principal, RateLimitTarget> rateTarget, AuditStore audit, AuthFailures authFailures,
                         long maxJsonBytes) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.rateTarget = rateTarget;
        this.audit = audit;
        this.authFailures = authFailures;
        this.maxJsonBytes = maxJsonBytes;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        HttpServerRequest http = ((HttpMessage) in).getRequest();
        // HEAD is answered as GET without the body (status, headers and all)
        boolean head = "HEAD".equals(http.method().name());
        String method = head ? "GET" : http.method().name();
        String path = http.path();
        String correlationId = correlationId(http.getHeader("X-Correlation-Id"));
        MDC.put("correlationId", correlationId);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        responseHeaders.put("X-Correlation-Id", correlationId);
        ApiRoutes.Match match = null;
        Principal principal = null;
        ApiResponse response;
        try {
            match = routes.match(method, path);
            principal = authorize(match.route(), http);
            if (principal != null) {
                MDC.put("spaceId", principal.spaceId() == null ? "admin" : principal.spaceId());
                // admin-only routes (spaces, keys, limits) stay reachable so an operator can lift a block
                if (match.route().access() != ApiRoutes.Access.ADMIN) {
                    applyRateLimit(principal, responseHeaders);
                }
            }
            ApiRequest request = new ApiRequest(method, path, match.params(), queryOf(http), headersOf(http),
                    bodyOf(in), uploadsOf(exchange), principal, correlationId, maxJsonBytes).withForm(formOf(http));
            response = match.route().handler().handle(request);
        } catch (ApiException e) {
            response = error(e);
        } catch (ConcurrentUpdateException e) {
            response = error(ApiException.conflict(e.getMessage()));
        } catch (DuplicateException e) {
            response = error(ApiException.conflict(e.getMessage()));
        } catch (InvalidValueException e) {
            response = error(ApiException.validation(e.problems()));
        } catch (Exception e) {
            if (Sql.isUniqueViolation(e)) {
                // a name or key already taken, whichever resource and path it came through
                response = error(ApiException.conflict(Sql.conflictMessage(e)));
            } else {
                LOG.error("Unhandled error in {} {} (correlation id {})", method, path, correlationId, e);
                response = error(new ApiException(500, "internal_error",
                        "Unexpected error; quote correlation id " + correlationId + " when reporting it", List.of()));
            }
        }
        writeResponse(exchange, response, responseHeaders);
        if (head) {
            Object body = exchange.getMessage().getBody();
            if (body instanceof byte[] bytes) {
                exchange.getMessage().setHeader("Content-Length", String.valueOf(bytes.length));
            }
            exchange.getMessage().setBody(null);
        }
        auditCall(method, path, match, principal, response, http);
        MDC.remove("spaceId");
        MDC.remove("correlationId");
    }

    private Principal authorize(ApiRoutes.Route route, HttpServerRequest http) {
        return switch (route.access()) {
            case PUBLIC, WEBHOOK -> null;
            case AUTHENTICATED -> authenticator.authenticate(java.util.Optional.ofNullable(http.getHeader("Authorization")));
            case ADMIN -> {
                Principal p = authenticator.authenticate(java.util.Optional.ofNullable(http.getHeader("Authorization")));
                if (!p.admin()) {
                    throw ApiException.forbidden("This operation needs the admin key");
                }
                yield p;
            }
        };
    }

    private void applyRateLimit(Principal principal, Map<String, String> headers) {
        RateLimitTarget target = rateTarget.apply(principal);
        RateLimiter.Decision d = limiter.check(target.spaceId(), target.limits());
        headers.put("X-RateLimit-Limit", String.valueOf(d.limits().perMinute()));
        headers.put("X-RateLimit-Remaining", String.valueOf(d.remaining()));
        headers.put("X-RateLimit-Reset", String.valueOf(d.resetEpochSeconds()));
        if (!d.allowed()) {
            headers.put("Retry-After", String.valueOf(d.retryAfterSeconds()));
            throw new ApiException(429, "rate_limited", "Rate limit exceeded for this "
                    + (principal.admin() ? "admin key" : "space") + "; retry after " + d.retryAfterSeconds() + " s",
                    List.of());
        }
    }

    private static ApiResponse error(ApiException e) {
        ApiResponse r = ApiResponse.status(e.status(), e.body());
        e.headers().forEach(r::header);
        return r;
    }

    private static void writeResponse(Exchange exchange, ApiResponse response, Map<String, String> baseHeaders) {
        Message out = exchange.getMessage();
        out.getHeaders().clear();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        baseHeaders.forEach(out::setHeader);
        response.headers().forEach(out::setHeader);
        out.setHeader("Cache-Control", "no-store");
        if (response.raw() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, response.contentType());
            out.setBody(response.raw());
        } else if (response.body() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            out.setBody(Json.writeBytes(response.body()));
        } else {
            out.setBody(null);
        }
    }

    private void auditCall(String method, String path, ApiRoutes.Match match, Principal principal,
                           ApiResponse response, HttpServerRequest http) {
        boolean mutation = !("GET".equals(method) || "HEAD".equals(method));
        boolean denied = response.status() == 401 || response.status() == 403;
        if (!(mutation || denied) || match == null) {
            return;
        }
        String resourceId = match.params().getOrDefault("id", response.resourceId());
        if (denied) {
            // counted per source and reason, not a row per rejected request (an unauthenticated flood)
            String source = principal != null ? principal.actor()
                    : http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
            String reason = response.body() instanceof ErrorBody eb ? eb.message() : "denied";
            authFailures.record(new AuthFailures.Rejection(source, reason, method, match.route().template(),
                    response.status(), match.route().resourceType, resourceId));
            return;
        }
        try {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("path", path);
            if (response.status() >= 400 && response.body() instanceof ErrorBody eb) {
                detail.put("error", eb.error());
                detail.put("message", eb.message());
            }
            String outcome = response.status() < 400 ? "success" : "failure";
            audit.record(principal == null ? null : principal.spaceId(), principal == null ? null : principal.actor(),
                    method + " " + match.route().template(), match.route().resourceType, resourceId, outcome,
                    response.status(), detail);
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit entry for {} {}", method, path, e);
        }
    }

    private static String correlationId(String presented) {
        return presented != null && CORRELATION.matcher(presented).matches() ? presented : UUID.randomUUID().toString();
    }

    private static Map<String, List<String>> queryOf(HttpServerRequest http) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        http.params().forEach(e -> q.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return q;
    }

    private static Map<String, String> headersOf(HttpServerRequest http) {
        Map<String, String> h = new LinkedHashMap<>();
        http.headers().forEach(e -> h.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + "," + b));
        return Collections.unmodifiableMap(h);
    }

    private static Map<String, String> formOf(HttpServerRequest http) {
        Map<String, String> form = new LinkedHashMap<>();
        http.formAttributes().forEach(e -> form.putIfAbsent(e.getKey(), e.getValue()));
        return form;
    }

    private static byte[] bodyOf(Message in) {
        Object body = in.getBody();
        if (body == null || body instanceof Map) {
            return new byte[0];
        }
        byte[] bytes = in.getBody(byte[].class);
        return bytes == null ? new byte[0] : bytes;
    }

    private static List<ApiRequest.Upload> uploadsOf(Exchange exchange) {
        AttachmentMessage am = exchange.getIn(AttachmentMessage.class);
        if (am == null || !am.hasAttachments()) {
            return List.of();
        }
        List<ApiRequest.Upload> uploads = new ArrayList<>();
        for (Map.Entry<String, DataHandler> e : am.getAttachments().entrySet()) {
            DataHandler dh = e.getValue();
            if (dh.getDataSource() instanceof CamelFileDataSource fds) {
                uploads.add(new ApiRequest.Upload(e.getKey(), fds.getName(), dh.getContentType(),
                        fds.getFile().length(), Path.of(fds.getFile().getAbsolutePath())));
            }
        }
        return uploads;
    }
}
