package io.ticketbridge.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ticketbridge.model.Json;

/**
 * Masks secrets in what is recorded (audit entries, sync logs, error messages, the server log) by
 * the structure of the thing recorded: secret-named JSON fields, headers, query and form parameters
 * are masked wherever they appear, and a call's own secrets (the integration's credentials, passed in
 * by whoever records that call) are masked in that call's record only. Nothing a tenant sends ever
 * becomes a mask for other records: the only values masked process-wide are the runtime's own keys.
 *
 * <p>Everything works on parsed data and is written back by a serializer, so a masked JSON body or
 * audit detail is still valid JSON.
 */
public final class SecretMasker {

    public static final String MASK = "****";
    private static final int MIN_LITERAL = 6;

    /** The runtime's own secrets (admin key, master key): never a tenant's input. */
    private static final Set<String> PROCESS_SECRETS = ConcurrentHashMap.newKeySet();

    /** Names (lower case, '-' as '_') whose values are secrets in a header, a query, a form or a JSON field. */
    private static final Set<String> SECRET_NAMES = Set.of("authorization", "proxy_authorization", "authtoken",
            "technician_key", "x_api_key", "api_key", "apikey", "api_token", "password", "passwd", "secret",
            "client_secret", "webhook_secret", "refresh_token", "access_token", "id_token", "token", "auth_token",
            "bot_token", "session_token", "private_key", "secret_key", "aws_secret_access_key", "x_amz_signature",
            "x_amz_credential", "x_amz_security_token", "cookie", "set_cookie", "x_webhook_secret", "signature",
            "x_hub_signature", "x_hub_signature_256", "x_slack_signature", "x_zendesk_webhook_signature",
            "x_trello_webhook", "assertion", "code_verifier");

    /** Cursors, not credentials. */
    private static final Set<String> PAGING_TOKENS = Set.of("page_token", "next_page_token", "continuation_token",
            "sync_token", "cursor_token");

    /** Free text (log lines, exception messages): a secret-named key followed by its value. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(authorization|authtoken|technician_key|x-api-key|api[_-]?key|api[_-]?token|password|secret"
                    + "|x-amz-signature|x-amz-credential|client_secret|refresh_token|access_token|token)"
                    + "(\"?\\s*[:=]\\s*\"?)((?:bearer|basic|zoho-oauthtoken)\\s+)?([^\"\\\\\\s,;&}]+)");

    /** S3's error bodies repeat the request's signature (SignatureDoesNotMatch). */
    private static final Pattern XML_SIGNATURE = Pattern.compile(
            "(?i)(<(SignatureProvided|StringToSign|CanonicalRequest)>)[^<]*(</\\2>)");

    private SecretMasker() {
    }

    /** Registers one of the runtime's own secrets (admin key, master key); tenants' values never come here. */
    public static void registerProcessSecret(String secret) {
        if (secret != null && secret.length() >= MIN_LITERAL) {
            PROCESS_SECRETS.add(secret);
        }
    }

    /** True for a header, query, form or field name whose value is a secret. */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        return SECRET_NAMES.contains(n) || n.endsWith("_secret") || n.endsWith("_password")
                || (n.endsWith("_token") && !PAGING_TOKENS.contains(n));
    }

    /** Headers with secret-named values masked, and the call's own secrets in any other header. */
    public static Map<String, String> headers(Map<String, String> headers, Collection<String> own) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, isSecretName(k) ? MASK : literals(v, own)));
        return out;
    }

    /** A URL with secret-named query parameters masked, and the call's own secrets wherever they stand in it. */
    public static String url(String url, Collection<String> own) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        String out = q < 0 ? url : url.substring(0, q + 1) + form(url.substring(q + 1));
        return literals(out, own);
    }

    /**
     * A request or response body, masked by its content type: JSON by field names (re-serialized, so
     * still JSON), forms by field names, XML by its signature elements; anything else by the call's own
     * secrets and secret-named key/value pairs.
     */
    public static String body(String body, String contentType, Collection<String> own) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String trimmed = body.stripLeading();
        if (type.contains("json") || (type.isEmpty() || type.startsWith("text/plain"))
                && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
            try {
                return Json.write(tree(Json.read(body), own));
            } catch (RuntimeException notJson) {
                // not parseable after all: masked as text below
            }
        }
        if (type.contains("x-www-form-urlencoded")) {
            return literals(form(body), own);
        }
        return text(body, own);
    }

    /** A copy of a JSON tree with secret-named fields masked and the call's own secrets masked in every string. */
    public static JsonNode tree(JsonNode node, Collection<String> own) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            node.fields().forEachRemaining(e -> out.set(e.getKey(),
                    isSecretName(e.getKey()) && !e.getValue().isNull() && !e.getValue().isContainerNode()
                            ? TextNode.valueOf(MASK) : tree(e.getValue(), own)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(v -> out.add(tree(v, own)));
            return out;
        }
        if (node.isTextual()) {
            String masked = embeddedJson(node.asText(), own);
            return masked.equals(node.asText()) ? node : TextNode.valueOf(masked);
        }
        return node;
    }

    /** A string that holds a JSON document (a recorded body) is masked as JSON, any other as text. */
    private static String embeddedJson(String s, Collection<String> own) {
        String t = s.stripLeading();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                return Json.write(tree(Json.read(s), own));
            } catch (RuntimeException notJson) {
                // text that merely starts like JSON
            }
        }
        return text(s, own);
    }

    /** Free text (a log line, an exception message): own and process secrets, key/value pairs, XML signatures. */
    public static String text(String text, Collection<String> own) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = literals(text, own);
        if (out.indexOf('<') >= 0) {
            out = XML_SIGNATURE.matcher(out).replaceAll("$1" + MASK + "$3");
        }
        Matcher m = KEY_VALUE.matcher(out);
        if (!m.find()) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        do {
            String scheme = m.group(3) == null ? "" : m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + scheme + MASK));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /** Free text with no call of its own (the server log). */
    public static String text(String text) {
        return text(text, Set.of());
    }

    /** A form or query string with secret-named fields masked; the rest kept byte for byte. */
    private static String form(String encoded) {
        java.util.StringJoiner out = new java.util.StringJoiner("&");
        for (String pair : encoded.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            out.add(eq >= 0 && isSecretName(decode(name)) ? name + "=" + MASK : pair);
        }
        return out.toString();
    }

    private static String literals(String text, Collection<String> own) {
        String out = text;
        for (Collection<String> secrets : java.util.List.of(own, PROCESS_SECRETS)) {
            for (String secret : secrets) {
                if (secret == null || secret.length() < MIN_LITERAL) {
                    continue;
                }
                if (out.contains(secret)) {
                    out = out.replace(secret, MASK);
                }
                String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
                if (!encoded.equals(secret) && out.contains(encoded)) {
                    out = out.replace(encoded, MASK);
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
