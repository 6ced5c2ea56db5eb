package io.ticketbridge.component.servicedeskplus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.model.Integration;
import io.ticketbridge.security.SecretMasker;

/**
 * SDP authentication: on-prem sends the technician key as the {@code authtoken} header; Cloud sends
 * {@code Authorization: Zoho-oauthtoken <access token>}, refreshed from Zoho Accounts with the
 * stored refresh token before it expires (and once more when a call answers 401).
 */
final class SdpAuth {

    private record Token(String value, Instant expiresAt) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    static boolean isCloud(Integration integration) {
        return "cloud".equalsIgnoreCase(integration.configText("edition", "onprem"));
    }

    Map<String, String> headers(Integration integration, Map<String, String> creds, DeskHttpClient http,
                                DeskHttpClient.Target target) {
        Map<String, String> h = new LinkedHashMap<>();
        if (isCloud(integration)) {
            h.put("Authorization", "Zoho-oauthtoken " + accessToken(integration, creds, http, target));
        } else {
            String key = firstOf(creds, "authtoken", "technician_key", "api_key");
            if (key == null) {
                throw new DeskAuthenticationException("No authtoken configured for this ServiceDesk Plus integration", 0);
            }
            h.put("authtoken", key);
        }
        return h;
    }

    /** Forget the cached access token (after a 401) so the next call refreshes it. */
    void invalidate(Integration integration) {
        tokens.remove(integration.id());
    }

    private String accessToken(Integration integration, Map<String, String> creds, DeskHttpClient http,
                               DeskHttpClient.Target target) {
        Token t = tokens.get(integration.id());
        if (t != null && Instant.now().isBefore(t.expiresAt())) {
            return t.value();
        }
        String clientId = creds.get("client_id");
        String secret = creds.get("client_secret");
        String refresh = creds.get("refresh_token");
        if (clientId == null || secret == null || refresh == null) {
            throw new DeskAuthenticationException("Cloud ServiceDesk Plus needs client_id, client_secret and"
                    + " refresh_token credentials", 0);
        }
        String form = "grant_type=refresh_token&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&refresh_token=" + enc(refresh);
        URI uri = URI.create(integration.configText("accounts_url", "https://accounts.zoho.com") + "/oauth/v2/token");
        DeskHttpClient.Response r = http.send(target, DeskHttpClient.Request.of("POST", uri,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(30)));
        JsonNode body = SdpResponses.body(r);
        if (!body.hasNonNull("access_token")) {
            throw new DeskAuthenticationException("Zoho Accounts refused the refresh token: "
                    + SecretMasker.text(body.path("error").asText("no access_token in the answer"), target.secrets()),
                    r.status());
        }
        String token = body.get("access_token").asText();
        long ttl = Math.max(60, body.path("expires_in").asLong(3600));
        tokens.put(integration.id(), new Token(token, Instant.now().plusSeconds(ttl - 30)));
        return token;
    }

    private static String firstOf(Map<String, String> creds, String... names) {
        for (String n : names) {
            if (creds.get(n) != null && !creds.get(n).isBlank()) {
                return creds.get(n);
            }
        }
        return null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
