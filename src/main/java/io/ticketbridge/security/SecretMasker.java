package io.ticketbridge.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for logs, audit entries and error messages: every value registered
 * at runtime (keys, decrypted credentials) and anything that looks like an auth header or a
 * secret-named field.
 */
public final class SecretMasker {

    public static final String MASK = "****";

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private static final Pattern HEADER_LIKE = Pattern.compile(
            "(?i)(authorization|authtoken|technician_key|x-api-key|api[_-]?key|api[_-]?token|password|secret"
                    // a pre-signed URL's signature is a short-lived credential of its own
                    + "|x-amz-signature|x-amz-credential"
                    + "|client_secret|refresh_token|access_token|token)(\"?\\s*[:=]\\s*\"?)"
                    + "((?:bearer|basic|zoho-oauthtoken)\\s+)?([^\"\\s,;&}]+)");

    private SecretMasker() {
    }

    /** Registers a secret value so that it is masked wherever it appears. Short values are ignored. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 6) {
            KNOWN.add(secret);
        }
    }

    /** S3's error bodies repeat the request's signature (SignatureDoesNotMatch). */
    private static final Pattern XML_SIGNATURE = Pattern.compile(
            "(?i)(<(SignatureProvided|StringToSign|CanonicalRequest)>)[^<]*(</\\2>)");

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (out.indexOf('<') >= 0) {
            out = XML_SIGNATURE.matcher(out).replaceAll("$1" + MASK + "$3");
        }
        for (String secret : KNOWN) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        Matcher m = HEADER_LIKE.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String scheme = m.group(3) == null ? "" : m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + scheme + MASK));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
