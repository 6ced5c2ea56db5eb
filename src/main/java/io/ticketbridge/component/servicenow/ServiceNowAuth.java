package io.ticketbridge.component.servicenow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.SecretMasker;

/**
 * ServiceNow authentication: HTTP Basic with username/password, or an OAuth bearer token from
 * {@code POST /oauth_token.do} (password grant, or client-credentials grant). Tokens are cached per
 * integration and credentials (a rotated secret never reuses the old token), refreshed with the
 * refresh token shortly before they expire, and dropped after a 401 and after a long rate-limit
 * pause (a long back-off can outlive the token it started with).
 */
final class ServiceNowAuth {

    enum Grant { BASIC, PASSWORD, CLIENT_CREDENTIALS }

    /** Refresh this long before expiry (at most half the token's lifetime). */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** A rate-limit pause at least this long drops the cached access token. */
    static final Duration LONG_PAUSE = Duration.ofSeconds(60);

    private record Token(String access, String refresh, Instant refreshAt) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Supplier<Instant> now;

    ServiceNowAuth(Supplier<Instant> now) {
        this.now = now;
    }

    /**
     * Config {@code oauth}: "password", "client_credentials" or "none"/"basic"; absent, the grant
     * follows from the credentials present (client id + secret with a user: password grant; without
     * a user: client credentials; a user alone: Basic).
     */
    static Grant grant(Integration integration, Map<String, String> creds) {
        String configured = integration.configText("oauth", "").trim().toLowerCase(Locale.ROOT);
        switch (configured) {
            case "password", "true" -> {
                return Grant.PASSWORD;
            }
            case "client_credentials" -> {
                return Grant.CLIENT_CREDENTIALS;
            }
            case "none", "basic", "false" -> {
                return Grant.BASIC;
            }
            case "" -> {
                // inferred below
            }
            default -> throw new IllegalArgumentException("servicenow config oauth must be password,"
                    + " client_credentials or none, got '" + configured + "'");
        }
        boolean client = has(creds, "client_id") && has(creds, "client_secret");
        boolean user = has(creds, "username") && has(creds, "password");
        if (client) {
            return user ? Grant.PASSWORD : Grant.CLIENT_CREDENTIALS;
        }
        return Grant.BASIC;
    }

    /** The Authorization header value for the next call. */
    String authorization(Integration integration, Map<String, String> creds,
                         Function<DeskHttpClient.Request, DeskHttpClient.Response> transport, Duration timeout) {
        Grant grant = grant(integration, creds);
        if (grant == Grant.BASIC) {
            require(creds, grant, "username", "password");
            String pair = creds.get("username") + ":" + creds.get("password");
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        String key = key(integration, creds, grant);
        // one token request per integration at a time: concurrent callers wait for it and share it
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Token t = tokens.get(key);
            if (t != null && t.access() != null && now.get().isBefore(t.refreshAt())) {
                return "Bearer " + t.access();
            }
            Token fresh = null;
            if (t != null && t.refresh() != null) {
                fresh = request(integration, creds, transport, timeout, refreshForm(creds, t.refresh()), true);
            }
            if (fresh == null) {
                fresh = request(integration, creds, transport, timeout, grantForm(creds, grant), false);
            }
            tokens.put(key, fresh);
            return "Bearer " + fresh.access();
        }
    }

    /** After a 401: the access token is no longer good; the refresh token may be. */
    void invalidate(Integration integration, Map<String, String> creds) {
        Grant grant = grant(integration, creds);
        if (grant != Grant.BASIC) {
            tokens.computeIfPresent(key(integration, creds, grant), (k, t) -> new Token(null, t.refresh(), Instant.MIN));
        }
    }

    /** A rate-limit pause began: one long enough makes the first call after it get a new token. */
    void paused(String integrationId, Duration pause) {
        if (pause.compareTo(LONG_PAUSE) >= 0) {
            tokens.replaceAll((k, t) -> k.startsWith(integrationId + "|") ? new Token(null, t.refresh(), Instant.MIN) : t);
        }
    }

    private Token request(Integration integration, Map<String, String> creds,
                          Function<DeskHttpClient.Request, DeskHttpClient.Response> transport, Duration timeout,
                          Map<String, String> form, boolean refreshing) {
        URI uri = URI.create(ServiceNowClient.instance(integration) + "/oauth_token.do");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        DeskHttpClient.Response r = transport.apply(DeskHttpClient.Request.of("POST", uri, headers,
                encode(form).getBytes(StandardCharsets.UTF_8), timeout));
        JsonNode body = parse(r);
        if (r.status() >= 200 && r.status() < 300 && body.hasNonNull("access_token")) {
            String refresh = body.hasNonNull("refresh_token") ? body.get("refresh_token").asText() : form.get("refresh_token");
            long ttl = Math.max(1, body.path("expires_in").asLong(1799));
            Duration margin = REFRESH_MARGIN.compareTo(Duration.ofSeconds(ttl / 2)) < 0 ? REFRESH_MARGIN
                    : Duration.ofSeconds(ttl / 2);
            return new Token(body.get("access_token").asText(), refresh, now.get().plusSeconds(ttl).minus(margin));
        }
        if (refreshing && (r.status() == 400 || r.status() == 401)) {
            return null; // refresh token expired or revoked: the caller falls back to the full grant
        }
        String reason = body.path("error_description").asText(body.path("error").asText("no access_token in the"
                + " answer"));
        if (r.status() >= 500) {
            throw ServiceNowErrors.forStatus(r, "POST /oauth_token.do", DeskHttpClient.Target.secretsOf(creds), now.get());
        }
        throw new DeskAuthenticationException("ServiceNow refused the OAuth " + form.get("grant_type") + " grant ("
                + r.status() + "): " + SecretMasker.text(reason, DeskHttpClient.Target.secretsOf(creds)), r.status());
    }

    private static Map<String, String> grantForm(Map<String, String> creds, Grant grant) {
        Map<String, String> form = new LinkedHashMap<>();
        if (grant == Grant.PASSWORD) {
            require(creds, grant, "client_id", "client_secret", "username", "password");
            form.put("grant_type", "password");
        } else {
            require(creds, grant, "client_id", "client_secret");
            form.put("grant_type", "client_credentials");
        }
        form.put("client_id", creds.get("client_id"));
        form.put("client_secret", creds.get("client_secret"));
        if (grant == Grant.PASSWORD) {
            form.put("username", creds.get("username"));
            form.put("password", creds.get("password"));
        }
        return form;
    }

    private static Map<String, String> refreshForm(Map<String, String> creds, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", creds.get("client_id"));
        form.put("client_secret", creds.get("client_secret"));
        form.put("refresh_token", refreshToken);
        return form;
    }

    private static JsonNode parse(DeskHttpClient.Response r) {
        try {
            return r.body().length == 0 ? Json.object() : Json.read(r.text());
        } catch (RuntimeException e) {
            return Json.object();
        }
    }

    private static String key(Integration integration, Map<String, String> creds, Grant grant) {
        // the credentials' fingerprint, not the credentials: the key may show up in heap dumps
        return integration.id() + "|" + grant + "|" + Hashes.sha256(new TreeMap<>(creds).toString()).substring(0, 16);
    }

    private static void require(Map<String, String> creds, Grant grant, String... names) {
        for (String n : names) {
            if (!has(creds, n)) {
                throw new DeskAuthenticationException("ServiceNow " + grant.name().toLowerCase(Locale.ROOT)
                        + " authentication needs the credential " + n, 0);
            }
        }
    }

    private static boolean has(Map<String, String> creds, String name) {
        return creds != null && creds.get(name) != null && !creds.get(name).isBlank();
    }

    private static String encode(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
