package io.ticketbridge.sandbox.ensono;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * API Gateway in front of the bridge: {@code /<client>/<env>/...}, matched case-sensitively.
 *
 * <p>Checks run in gateway order: an unknown client segment is a missing base-path mapping
 * ({@code {"message":"Forbidden"}}); an unknown stage, resource or method is
 * {@code {"message":"Missing Authentication Token"}}; only then is {@code x-api-key} checked
 * ({@code Forbidden} again).
 */
final class BridgeRouter {

    private final String clientName;
    private final String env;
    private final String apiKey;
    private final TicketApi tickets;
    private final QueueApi queue;
    private final PresignedStorage storage;

    BridgeRouter(String clientName, String env, String apiKey, TicketApi tickets, QueueApi queue,
                 PresignedStorage storage) {
        this.clientName = clientName;
        this.env = env;
        this.apiKey = apiKey;
        this.tickets = tickets;
        this.queue = queue;
        this.storage = storage;
    }

    SimResponse route(RecordedRequest request) {
        String[] segments = request.path().split("/", -1);
        if (segments.length < 2 || !clientName.equals(segments[1])) {
            return BridgeErrors.forbidden();
        }
        if (segments.length < 4 || !env.equals(segments[2])) {
            return BridgeErrors.missingAuthenticationToken();
        }
        Supplier<SimResponse> handler = match(request, Arrays.asList(segments).subList(3, segments.length));
        if (handler == null) {
            return BridgeErrors.missingAuthenticationToken();
        }
        if (!apiKey.equals(request.header("x-api-key").orElse(null))) {
            return BridgeErrors.forbidden();
        }
        try {
            return handler.get();
        } catch (BridgeErrors.Rejection rejection) {
            return rejection.response();
        }
    }

    private Supplier<SimResponse> match(RecordedRequest request, List<String> rest) {
        String method = request.method();
        String root = rest.get(0);
        if ("queue".equals(root)) {
            if (rest.size() == 1) {
                return "GET".equals(method) ? queue::read : null;
            }
            // greedy, like a {proxy+} resource: an unencoded handle's slashes still land here
            String handle = String.join("/", rest.subList(1, rest.size()));
            return "DELETE".equals(method) ? () -> queue.delete(handle) : null;
        }
        if (rest.contains("")) {
            return null;
        }
        if (!"tickets".equals(root)) {
            return null;
        }
        if (rest.size() == 1) {
            return "POST".equals(method) ? () -> tickets.create(request) : null;
        }
        String number = decode(rest.get(1));
        if (rest.size() == 2) {
            return switch (method) {
                case "GET" -> () -> tickets.get(number, "dev".equals(env));
                case "PUT" -> () -> tickets.update(number, request);
                default -> null;
            };
        }
        String sub = rest.get(2);
        if (rest.size() == 3) {
            return switch (method + " " + sub) {
                case "PUT returnptn" -> () -> tickets.returnPtn(number, request);
                case "PUT notes" -> () -> tickets.notes(number, request);
                case "POST approve" -> () -> tickets.approval(number, request, true);
                case "POST reject" -> () -> tickets.approval(number, request, false);
                default -> null;
            };
        }
        if (rest.size() == 4 && "attachments".equals(sub) && "GET".equals(method)) {
            String fileName = decode(rest.get(3));
            return () -> tickets.attachmentUrl(number, fileName, storage);
        }
        return null;
    }

    /** Path-segment decoding: {@code +} stays a plus. */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
