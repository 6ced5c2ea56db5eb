package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.QueryParams;
import io.ticketbridge.sandbox.support.RecordedRequest;
import io.ticketbridge.sandbox.support.SimHandler;
import io.ticketbridge.sandbox.support.SimResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes one request. {@code /oauth_token.do} is the token endpoint; everything under {@code /api/now} (also the
 * versioned {@code /api/now/v1|v2/...}) is authenticated, then rate limited per user, then checked for the
 * {@code Accept}/{@code Content-Type} headers the REST API requires (external-apis.md 2.1), then served.
 * Faults are applied before all of this, by the server, to {@code /api/} paths only.
 */
final class SnHttpHandler implements SimHandler {

    private final SnAuth auth;
    private final OAuthTokenEndpoint oauth;
    private final SnRateLimiter limiter;
    private final TableApi tables;
    private final AttachmentApi attachments;
    private final boolean requireHeaders;
    private final AtomicInteger sent429 = new AtomicInteger();

    SnHttpHandler(SnAuth auth, OAuthTokenEndpoint oauth, SnRateLimiter limiter, TableApi tables,
                  AttachmentApi attachments, boolean requireHeaders) {
        this.auth = auth;
        this.oauth = oauth;
        this.limiter = limiter;
        this.tables = tables;
        this.attachments = attachments;
        this.requireHeaders = requireHeaders;
    }

    int count429() {
        return sent429.get();
    }

    @Override
    public SimResponse handle(RecordedRequest request) {
        SimResponse response;
        try {
            response = serve(request);
        } catch (SnError e) {
            response = e.toResponse();
        }
        if (response.status() == 429) {
            sent429.incrementAndGet();
        }
        return response;
    }

    private SimResponse serve(RecordedRequest request) {
        if (OAuthTokenEndpoint.PATH.equals(request.path())) {
            return oauth.handle(request);
        }
        List<String> segments = segments(request.path());
        if (segments.size() < 3 || !segments.get(0).equals("api") || !segments.get(1).equals("now")) {
            throw SnError.noResource();
        }
        List<String> rest = new ArrayList<>(segments.subList(2, segments.size()));
        if (rest.get(0).matches("v\\d+")) {
            rest.remove(0);
        }
        Actor actor = auth.authenticate(request);
        boolean attachmentApi = !rest.isEmpty() && rest.get(0).equals("attachment");
        Map<String, String> rateHeaders = limiter.check(actor, attachmentApi ? "Attachment API" : "Table API");
        try {
            return route(Call.of(request, actor), rest).withHeaders(rateHeaders);
        } catch (SnError e) {
            return e.toResponse().withHeaders(rateHeaders);
        }
    }

    private SimResponse route(Call call, List<String> rest) {
        String method = call.request().method();
        if (rest.size() >= 2 && rest.size() <= 3 && rest.get(0).equals("table")) {
            TableDef table = Tables.get(rest.get(1));
            if (table == null) {
                throw SnError.invalidTable(rest.get(1));
            }
            checkHeaders(call, true);
            boolean item = rest.size() == 3;
            return switch (method) {
                case "GET" -> item ? tables.get(call, table, rest.get(2)) : tables.list(call, table);
                case "POST" -> item ? notSupported(method) : tables.create(call, table);
                case "PUT", "PATCH" -> item ? tables.update(call, table, rest.get(2)) : notSupported(method);
                case "DELETE" -> item ? tables.delete(table, rest.get(2)) : notSupported(method);
                default -> notSupported(method);
            };
        }
        if (!rest.isEmpty() && rest.get(0).equals("attachment")) {
            return attachment(call, rest.subList(1, rest.size()), method);
        }
        throw SnError.noResource();
    }

    private SimResponse attachment(Call call, List<String> rest, String method) {
        if (rest.isEmpty()) {
            checkHeaders(call, false);
            return method.equals("GET") ? attachments.list(call) : notSupported(method);
        }
        if (rest.size() == 1 && rest.get(0).equals("file")) {
            if (!method.equals("POST")) {
                return notSupported(method);
            }
            checkHeaders(call, false);
            if (call.request().header("Content-Type") == null) {
                throw missingHeader("Content-Type");
            }
            return attachments.upload(call);
        }
        if (rest.size() == 1 && rest.get(0).equals("upload")) {
            if (!method.equals("POST")) {
                return notSupported(method);
            }
            checkHeaders(call, false);
            return attachments.uploadMultipart(call);
        }
        String sysId = rest.get(0);
        if (rest.size() == 2 && rest.get(1).equals("file")) {
            // A download may ask for any type: only the presence of Accept is checked.
            if (requireHeaders && call.request().header("Accept") == null) {
                throw missingHeader("Accept");
            }
            return method.equals("GET") ? attachments.file(sysId) : notSupported(method);
        }
        if (rest.size() != 1) {
            throw SnError.noResource();
        }
        checkHeaders(call, false);
        return switch (method) {
            case "GET" -> attachments.metadata(sysId);
            case "DELETE" -> attachments.delete(sysId);
            default -> notSupported(method);
        };
    }

    /** Accept on every call (JSON answers only); a JSON Content-Type on Table API bodies. */
    private void checkHeaders(Call call, boolean jsonBody) {
        if (!requireHeaders) {
            return;
        }
        String accept = call.request().header("Accept");
        if (accept == null) {
            throw missingHeader("Accept");
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        if (!lower.contains("json") && !lower.contains("*/*") && !lower.contains("application/*")) {
            throw SnError.notAcceptable();
        }
        String method = call.request().method();
        if (jsonBody && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            String type = call.request().header("Content-Type");
            if (type == null) {
                throw missingHeader("Content-Type");
            }
            if (!type.toLowerCase(Locale.ROOT).contains("json")) {
                throw SnError.unsupportedMediaType(type);
            }
        }
    }

    private static SnError missingHeader(String name) {
        return SnError.badRequest("Missing required header: " + name, "Requests to this API must send " + name);
    }

    private static SimResponse notSupported(String method) {
        throw SnError.methodNotSupported(method);
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                out.add(QueryParams.decode(segment.replace("+", "%2B")));
            }
        }
        return out;
    }
}
