package io.ticketbridge.sandbox.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps method + path pattern (e.g. {@code requests/{id}/notes/{note_id}}) to a handler; 404 and 405 otherwise. */
final class Router {

    interface Handler {
        ApiResponse handle(ApiCall call);
    }

    private record Route(String method, List<String> pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, List.of(pattern.split("/")), handler));
        return this;
    }

    ApiResponse dispatch(ApiCall call) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.pattern(), call.segments());
            if (params == null) {
                continue;
            }
            if (route.method().equals(call.method())) {
                return route.handler().handle(call.withParams(params));
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            throw SdpApiException.methodNotAllowed(call.method(), String.join(", ", allowed));
        }
        throw SdpApiException.notFound("Invalid URL");
    }

    private static Map<String, String> match(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = segments.get(i);
            if (expected.startsWith("{")) {
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }
}
