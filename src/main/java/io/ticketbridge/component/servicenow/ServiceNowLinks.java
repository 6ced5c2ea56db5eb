package io.ticketbridge.component.servicenow;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.ticketbridge.component.support.DeskHttpClient;

/**
 * The Link header's rel="next" (RFC 8288): link-values are split only outside {@code <...>} and
 * quotes, because a next URL carrying {@code sysparm_fields=a,b,c} has commas of its own; both
 * {@code ;rel="next"} and {@code ; rel=next} are read. A next URL is followed only on the configured
 * instance (same scheme, host and port, under /api/): outbound URLs never come from answers alone.
 */
final class ServiceNowLinks {

    private ServiceNowLinks() {
    }

    /** The next page's URL as the server wrote it, if any Link header has rel="next". */
    static Optional<String> next(DeskHttpClient.Response response) {
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            if (!"link".equalsIgnoreCase(h.getKey())) {
                continue;
            }
            for (String header : h.getValue()) {
                for (String linkValue : splitOutsideBrackets(header)) {
                    Optional<String> next = nextOf(linkValue.trim());
                    if (next.isPresent()) {
                        return next;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The next URL as given, resolved against the page it came from; refused unless it is on the
     * configured instance.
     */
    static URI onInstance(URI instance, URI current, String next) {
        URI uri = current.resolve(lenient(next));
        boolean same = instance.getScheme().equalsIgnoreCase(uri.getScheme())
                && instance.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && port(instance) == port(uri)
                && uri.getRawUserInfo() == null
                && uri.getRawPath() != null && uri.getRawPath().startsWith(basePath(instance) + "/api/");
        if (!same) {
            throw new ServiceNowRejectedException("ServiceNow's next-page link points away from the configured"
                    + " instance " + instance + " (to " + uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "); refusing to follow it", 0,
                    ServiceNowRejectedException.Reason.FOREIGN_LINK, null, null, null);
        }
        return uri;
    }

    private static Optional<String> nextOf(String linkValue) {
        int open = linkValue.indexOf('<');
        int close = linkValue.indexOf('>', open + 1);
        if (open != 0 || close < 0) {
            return Optional.empty();
        }
        String target = linkValue.substring(1, close);
        for (String param : linkValue.substring(close + 1).split(";")) {
            String[] kv = param.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("rel")) {
                String rels = kv[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
                for (String rel : rels.split("\\s+")) {
                    if (rel.equals("next")) {
                        return Optional.of(target);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static List<String> splitOutsideBrackets(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inUri = false;
        boolean inQuotes = false;
        for (char c : header.toCharArray()) {
            if (c == '<' && !inQuotes) {
                inUri = true;
            } else if (c == '>' && !inQuotes) {
                inUri = false;
            } else if (c == '"' && !inUri) {
                inQuotes = !inQuotes;
            } else if (c == ',' && !inUri && !inQuotes) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** The URL as given, with only the characters a URI cannot hold (a raw ^ or space) percent-encoded. */
    static URI lenient(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            StringBuilder b = new StringBuilder();
            for (byte x : url.getBytes(StandardCharsets.UTF_8)) {
                int c = x & 0xff;
                if (c > 0x20 && c < 0x7f && "^\"<>{}|\\`".indexOf(c) < 0) {
                    b.append((char) c);
                } else {
                    b.append('%').append(String.format("%02X", c));
                }
            }
            return URI.create(b.toString());
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String basePath(URI instance) {
        String p = instance.getRawPath() == null ? "" : instance.getRawPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
