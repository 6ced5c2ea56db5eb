package io.ticketbridge.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The management API's routing table. Each route says who may call it and documents itself, which
 * is where /api/openapi.json comes from; the dispatcher answers 404/405 for anything not listed.
 */
public final class ApiRoutes {

    /** Who may call a route. WEBHOOK routes authenticate with their own shared secret or signature. */
    public enum Access { PUBLIC, AUTHENTICATED, ADMIN, WEBHOOK }

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    public static final class Route {
        final String method;
        final String template;
        final String[] segments;
        final Access access;
        final Handler handler;
        String tag = "General";
        String summary = "";
        String resourceType;
        String requestExample;
        List<String> queryParams = List.of();
        List<String> requestContentTypes = List.of("application/json");
        String responseContentType = "application/json";
        Class<?> returns;
        boolean page;
        boolean list;

        Route(String method, String template, Access access, Handler handler) {
            this.method = method;
            this.template = template;
            this.segments = template.substring(1).split("/");
            this.access = access;
            this.handler = handler;
        }

        public Route doc(String tag, String summary) {
            this.tag = tag;
            this.summary = summary;
            return this;
        }

        /** The audited resource type; the resource id is the {id} path parameter or the response's id. */
        public Route resource(String type) {
            this.resourceType = type;
            return this;
        }

        public Route query(String... names) {
            this.queryParams = List.of(names);
            return this;
        }

        public Route example(String json) {
            this.requestExample = json;
            return this;
        }

        /** The success body is this record (its schema comes from the record itself). */
        public Route returns(Class<? extends Record> type) {
            this.returns = type;
            return this;
        }

        /** The success body is a page ({items, page, page_size, total, has_more}) of this record. */
        public Route returnsPage(Class<? extends Record> type) {
            this.returns = type;
            this.page = true;
            return this;
        }

        /** The success body is {items: [...]} of this record. */
        public Route returnsList(Class<? extends Record> type) {
            this.returns = type;
            this.list = true;
            return this;
        }

        /** The success body is not JSON (a file): documented as any content type. */
        public Route producesFiles() {
            this.responseContentType = "*/*";
            return this;
        }

        /** The body's accepted content types ({@code *}{@code /*}: a raw file of any type). */
        public Route consumes(String... contentTypes) {
            this.requestContentTypes = List.of(contentTypes);
            return this;
        }

        public String method() {
            return method;
        }

        public String template() {
            return template;
        }

        public Access access() {
            return access;
        }

        public Handler handler() {
            return handler;
        }

        long literalSegments() {
            return java.util.Arrays.stream(segments).filter(s -> !s.startsWith("{")).count();
        }

        Optional<Map<String, String>> match(String[] path) {
            if (path.length != segments.length) {
                return Optional.empty();
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String seg = segments[i];
                if (seg.startsWith("{")) {
                    if (path[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(seg.substring(1, seg.length() - 1), path[i]);
                } else if (!seg.equals(path[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(params);
        }
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Route add(String method, String template, Access access, Handler handler) {
        for (Route r : routes) {
            if (r.method.equals(method) && r.template.equals(template)) {
                throw new IllegalStateException("Duplicate API route " + method + " " + template);
            }
        }
        Route r = new Route(method, template, access, handler);
        routes.add(r);
        return r;
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    /** The best route for the call; 404 when no route has this path, 405 when none has this method. */
    /** The Allow header's methods: the routes' own, plus HEAD wherever GET is (it answers like GET, without a body). */
    private static List<String> allowed(List<String> methods) {
        TreeSet<String> out = new TreeSet<>(methods);
        if (out.contains("GET")) {
            out.add("HEAD");
        }
        return new ArrayList<>(out);
    }

    public Match match(String method, String rawPath) {
        String[] path = split(rawPath);
        List<Match> byPath = new ArrayList<>();
        for (Route r : routes) {
            r.match(path).ifPresent(params -> byPath.add(new Match(r, params)));
        }
        if (byPath.isEmpty()) {
            throw new ApiException(404, "not_found", "No API resource at " + rawPath, List.of());
        }
        return byPath.stream()
                .filter(m -> m.route().method.equals(method))
                .max(Comparator.comparingLong(m -> m.route().literalSegments()))
                .orElseThrow(() -> ApiException.methodNotAllowed(method, rawPath,
                        allowed(byPath.stream().map(m -> m.route().method).toList())));
    }

    static String[] split(String rawPath) {
        String p = rawPath;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String[] parts = p.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Malformed percent-encoding in the path");
            }
        }
        return parts;
    }
}
