package io.ticketbridge.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body split into its parts, in order (order matters: ServiceNow wants the form fields
 * before the file part). Strict enough for tests: a missing boundary or closing delimiter is an error.
 */
public final class Multipart {

    /** One part: its form name, file name (null for a plain field), Content-Type (null when absent) and bytes. */
    public record Part(String name, String fileName, String contentType, byte[] content) {
        public Part {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern PARAM = Pattern.compile("(?i);\\s*(name|filename)=\"([^\"]*)\"");

    private Multipart() {
    }

    /** The parts of {@code body}; {@link IllegalArgumentException} when it is not well-formed multipart. */
    public static List<Part> parse(String contentType, byte[] body) {
        Matcher m = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (m == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") || !m.find()) {
            throw new IllegalArgumentException("not multipart or no boundary: " + contentType);
        }
        byte[] delimiter = ("--" + (m.group(2) != null ? m.group(2) : m.group(3))).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (startsWith(body, start, "--")) {
                return parts;
            }
            start = skipCrlf(body, start);
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                break;
            }
            int end = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' ? next - 2 : next;
            parts.add(part(body, start, end));
            at = next;
        }
        throw new IllegalArgumentException("multipart body without its closing delimiter");
    }

    private static Part part(byte[] body, int start, int end) {
        int split = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
        if (split < 0 || split > end) {
            throw new IllegalArgumentException("multipart part without headers");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : new String(body, start, split - start, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String name = null;
        String fileName = null;
        Matcher p = PARAM.matcher(headers.getOrDefault("content-disposition", ""));
        while (p.find()) {
            if (p.group(1).equalsIgnoreCase("name")) {
                name = p.group(2);
            } else {
                fileName = p.group(2);
            }
        }
        byte[] content = java.util.Arrays.copyOfRange(body, split + 4, end);
        return new Part(name, fileName, headers.get("content-type"), content);
    }

    private static int skipCrlf(byte[] body, int at) {
        return startsWith(body, at, "\r\n") ? at + 2 : at;
    }

    private static boolean startsWith(byte[] body, int at, String ascii) {
        if (at + ascii.length() > body.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (body[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
