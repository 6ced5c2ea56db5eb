package io.ticketbridge.sandbox.sdp;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small RFC 7578 {@code multipart/form-data} reader: enough for one-file-per-call uploads, byte-exact. */
final class MultipartParser {

    record Part(String name, String filename, String contentType, byte[] content) {
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private MultipartParser() {
    }

    /** The boundary parameter of a Content-Type, or null when the type is not multipart/form-data. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        return parameters(contentType).get("boundary");
    }

    /**
     * Parts of a body. Part headers are decoded with the multipart type's {@code charset} parameter when given
     * (Apache HttpClient declares ISO-8859-1 and sends Latin-1 file names), else as UTF-8 as browsers send them,
     * falling back to ISO-8859-1 for bytes that are not UTF-8.
     */
    static List<Part> parse(byte[] body, String boundary, Charset declaredHeaderCharset) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw malformed("boundary not found");
        }
        pos += delimiter.length;
        List<Part> parts = new ArrayList<>();
        while (!startsWith(body, pos, new byte[] {'-', '-'})) {
            // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
            while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++;
            }
            if (!startsWith(body, pos, CRLF)) {
                throw malformed("missing CRLF after boundary");
            }
            pos += 2;
            int headersEnd = startsWith(body, pos, CRLF) ? pos : indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
            if (headersEnd < 0) {
                throw malformed("part headers not terminated");
            }
            Map<String, String> headers = headers(decode(Arrays.copyOfRange(body, pos, headersEnd), declaredHeaderCharset));
            int contentStart = headersEnd == pos ? pos + 2 : headersEnd + 4;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw malformed("closing boundary not found");
            }
            Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
            parts.add(new Part(disposition.get("name"), filename(disposition), headers.get("content-type"),
                    Arrays.copyOfRange(body, contentStart, contentEnd)));
            pos = contentEnd + nextDelimiter.length;
        }
        return parts;
    }

    /** The charset parameter of a multipart Content-Type, or null when absent or unknown. */
    static Charset charset(String contentType) {
        String name = contentType == null ? null : parameters(contentType).get("charset");
        try {
            return name == null ? null : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decode(byte[] bytes, Charset declared) {
        if (declared != null) {
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** RFC 5987 {@code filename*=UTF-8''...} wins over plain {@code filename}, as browsers intend. */
    private static String filename(Map<String, String> disposition) {
        String extended = disposition.get("filename*");
        if (extended != null && extended.contains("''")) {
            String charset = extended.substring(0, extended.indexOf("''"));
            String encoded = extended.substring(extended.indexOf("''") + 2).replace("+", "%2B");
            try {
                return URLDecoder.decode(encoded, charset.isEmpty() ? StandardCharsets.UTF_8 : Charset.forName(charset));
            } catch (IllegalArgumentException e) {
                throw malformed("bad filename* parameter");
            }
        }
        return disposition.get("filename");
    }

    /** Parameters of a header value: {@code type; a=b; c="d; e"} with quoted strings and backslash escapes. */
    static Map<String, String> parameters(String headerValue) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            i++;
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = headerValue.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            while (j < headerValue.length() && headerValue.charAt(j) == ' ') {
                j++;
            }
            if (j < headerValue.length() && headerValue.charAt(j) == '"') {
                j++;
                while (j < headerValue.length() && headerValue.charAt(j) != '"') {
                    char c = headerValue.charAt(j);
                    if (c == '\\' && j + 1 < headerValue.length()) {
                        c = headerValue.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                i = headerValue.indexOf(';', j);
            } else {
                int end = headerValue.indexOf(';', j);
                value.append(headerValue, j, end < 0 ? headerValue.length() : end);
                i = end;
            }
            params.put(name, value.toString().trim());
        }
        return params;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int pos, byte[] prefix) {
        return pos + prefix.length <= data.length && Arrays.equals(data, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    private static SdpApiException malformed(String why) {
        return SdpApiException.badInput("Malformed multipart body: " + why);
    }
}
