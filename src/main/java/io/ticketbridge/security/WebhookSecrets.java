package io.ticketbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shared webhook secrets (the header a platform that does not sign its webhooks sends back, or the key
 * a signing platform signs with). Verification fails closed: no secret, or one too short to resist
 * guessing, matches nothing, and such a secret cannot be configured in the first place.
 */
public final class WebhookSecrets {

    /** Shortest secret accepted: 16 characters (e.g. {@code openssl rand -hex 16} gives 32). */
    public static final int MIN_LENGTH = 16;

    private WebhookSecrets() {
    }

    /** Credential names that hold a webhook secret: webhook_secret, signing_secret and their prefixed forms. */
    public static boolean isWebhookSecretName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.endsWith("webhook_secret") || n.endsWith("signing_secret");
    }

    /** True when a usable secret is configured. */
    public static boolean usable(String secret) {
        return secret != null && secret.length() >= MIN_LENGTH && !secret.isBlank();
    }

    /** Constant-time comparison; false whenever no usable secret is configured or nothing was presented. */
    public static boolean matches(String configured, String presented) {
        if (!usable(configured) || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** What is wrong with the webhook secrets among these credentials (null values are removals, not secrets). */
    public static List<String> problems(Map<String, String> credentials) {
        List<String> out = new ArrayList<>();
        if (credentials == null) {
            return out;
        }
        credentials.forEach((k, v) -> {
            if (isWebhookSecretName(k) && v != null && !usable(v)) {
                out.add("'credentials." + k + "' must be at least " + MIN_LENGTH
                        + " characters: an empty or short secret would let forged webhooks in");
            }
        });
        return out;
    }
}
