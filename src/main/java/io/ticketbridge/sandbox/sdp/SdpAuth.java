package io.ticketbridge.sandbox.sdp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks API credentials: the on-prem technician key (header {@code authtoken}, legacy {@code TECHNICIAN_KEY},
 * or the doc-artefact {@code Authorization: authtoken: X}) and Cloud access tokens
 * ({@code Authorization: Zoho-oauthtoken X}) issued by {@link OAuthTokenEndpoint}. Both editions are accepted at
 * once so one simulator serves either kind of connector.
 */
final class SdpAuth {

    private static final String ZOHO_PREFIX = "zoho-oauthtoken ";
    private static final String AUTHTOKEN_PREFIX = "authtoken:";

    private final SdpSimulator.Options options;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> accessTokenExpiry = new ConcurrentHashMap<>();

    SdpAuth(SdpSimulator.Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Throws the 401 (code 4022) unless the call carries a valid key or an unexpired access token. */
    void check(ApiCall call) {
        if (!options.requireAuth) {
            return;
        }
        String authorization = call.header("Authorization");
        if (authorization != null) {
            String lower = authorization.toLowerCase(Locale.ROOT);
            if (lower.startsWith(ZOHO_PREFIX)) {
                requireAccessToken(authorization.substring(ZOHO_PREFIX.length()).trim());
                return;
            }
            if (lower.startsWith(AUTHTOKEN_PREFIX)) {
                requireKey(authorization.substring(AUTHTOKEN_PREFIX.length()).trim());
                return;
            }
        }
        String key = call.header("authtoken") != null ? call.header("authtoken") : call.header("TECHNICIAN_KEY");
        requireKey(key);
    }

    private void requireKey(String key) {
        if (key == null || options.authtoken == null || !constantTimeEquals(key.trim(), options.authtoken)) {
            throw SdpApiException.unauthorized();
        }
    }

    private void requireAccessToken(String token) {
        Long expiresAt = accessTokenExpiry.get(token);
        if (expiresAt == null || clock.millis() >= expiresAt) {
            throw SdpApiException.unauthorized();
        }
    }

    /** A fresh token in Zoho's {@code 1000.<hex>.<hex>} shape, valid for the configured lifetime. */
    String issueAccessToken() {
        long now = clock.millis();
        accessTokenExpiry.values().removeIf(expiry -> expiry <= now);
        String token = "1000." + randomHex(16) + "." + randomHex(16);
        accessTokenExpiry.put(token, now + options.accessTokenLifetime.toMillis());
        return token;
    }

    Duration accessTokenLifetime() {
        return options.accessTokenLifetime;
    }

    void expireAccessTokens() {
        accessTokenExpiry.clear();
    }

    boolean validClient(String clientId, String clientSecret) {
        return clientId != null && clientSecret != null
                && constantTimeEquals(clientId, options.oauthClientId)
                && constantTimeEquals(clientSecret, options.oauthClientSecret);
    }

    boolean validRefreshToken(String refreshToken) {
        return refreshToken != null && constantTimeEquals(refreshToken, options.oauthRefreshToken);
    }

    private String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
