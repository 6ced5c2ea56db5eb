package io.ticketbridge.sandbox.servicenow;

import io.ticketbridge.sandbox.support.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Basic credentials of the configured users and the OAuth tokens this instance issued. Every failure is the same
 * 401 (wrong password, unknown or expired token), as the platform does not say which. Secrets are compared in
 * constant time and never logged.
 */
final class SnAuth {

    private record Token(String userName, String clientId, Instant expiresAt) {
    }

    private final Map<String, String> passwords;
    private final String clientId;
    private final String clientSecret;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    SnAuth(ServiceNowSettings settings) {
        passwords = Map.copyOf(settings.passwords);
        clientId = settings.clientId;
        clientSecret = settings.clientSecret;
        accessLifetime = settings.accessTokenLifetime;
        refreshLifetime = settings.refreshTokenLifetime;
        clock = settings.clock;
    }

    /** The user a request acts as; a 401 {@link SnError} without valid Basic or Bearer credentials. */
    Actor authenticate(RecordedRequest request) {
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw SnError.notAuthenticated();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && validUser(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return Actor.of(decoded.substring(0, colon));
            }
        } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Token token = accessTokens.get(header.substring(7).trim());
            if (token != null && clock.instant().isBefore(token.expiresAt())) {
                return Actor.of(token.userName());
            }
        }
        throw SnError.notAuthenticated();
    }

    boolean validUser(String userName, String password) {
        String expected = passwords.get(userName);
        return expected != null && password != null && same(expected, password);
    }

    boolean validClient(String id, String secret) {
        return id != null && secret != null && same(clientId, id) && same(clientSecret, secret);
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    String issueAccessToken(String userName) {
        String token = newToken();
        accessTokens.put(token, new Token(userName, clientId, clock.instant().plus(accessLifetime)));
        return token;
    }

    String issueRefreshToken(String userName) {
        String token = newToken();
        refreshTokens.put(token, new Token(userName, clientId, clock.instant().plus(refreshLifetime)));
        return token;
    }

    /** The user of a live refresh token issued to this client, or null. */
    String refreshTokenUser(String refreshToken) {
        Token token = refreshToken == null ? null : refreshTokens.get(refreshToken);
        return token != null && clock.instant().isBefore(token.expiresAt()) ? token.userName() : null;
    }

    /** Every access token issued so far stops working now; refresh tokens still work. */
    void expireAccessTokens() {
        accessTokens.clear();
    }

    void expireRefreshTokens() {
        refreshTokens.clear();
    }

    /** ServiceNow's tokens are long URL-safe strings; 64 random bytes make a similar 86-character one. */
    private String newToken() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean same(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
