package io.ticketbridge.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.support.QueryParams;
import io.ticketbridge.sandbox.support.RecordedRequest;
import io.ticketbridge.sandbox.support.SimResponse;

/**
 * {@code POST /oauth_token.do}, form-encoded: grant_type {@code password} (client_id, client_secret, username,
 * password), {@code client_credentials} (client_id, client_secret; acts as the instance's configured OAuth
 * application user, and can be switched off as on instances where its property is off) and {@code refresh_token}.
 * Success: {@code {"access_token","refresh_token","scope","token_type":"Bearer","expires_in"}}; client_credentials
 * gives no refresh token (RFC 6749 4.4.3) and a refresh answers the same refresh token again. Every refusal is the
 * 401 {@code {"error_description":"access_denied","error":"server_error"}} that instances answer for any bad
 * client, user, grant or refresh token (seen in many client fixtures).
 */
final class OAuthTokenEndpoint {

    static final String PATH = "/oauth_token.do";
    static final String DENIED = "{\"error_description\":\"access_denied\",\"error\":\"server_error\"}";

    private final SnAuth auth;
    private final boolean clientCredentials;
    private final String clientCredentialsUser;

    OAuthTokenEndpoint(SnAuth auth, ServiceNowSettings settings) {
        this.auth = auth;
        this.clientCredentials = settings.clientCredentialsGrant;
        this.clientCredentialsUser = settings.clientCredentialsUser();
    }

    SimResponse handle(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            throw SnError.methodNotSupported(request.method());
        }
        QueryParams form = QueryParams.parse(request.bodyAsString());
        String grant = form.first("grant_type", "");
        if (!auth.validClient(form.first("client_id"), form.first("client_secret"))) {
            return denied();
        }
        return switch (grant) {
            case "password" -> auth.validUser(form.first("username"), form.first("password"))
                    ? tokens(form.first("username"), true) : denied();
            case "client_credentials" -> clientCredentials ? tokens(clientCredentialsUser, false) : denied();
            case "refresh_token" -> refresh(form.first("refresh_token"));
            default -> denied();
        };
    }

    private SimResponse refresh(String refreshToken) {
        String user = auth.refreshTokenUser(refreshToken);
        if (user == null) {
            return denied();
        }
        ObjectNode body = answer(auth.issueAccessToken(user));
        body.put("refresh_token", refreshToken);
        return SimResponse.json(200, Json.write(body));
    }

    private SimResponse tokens(String user, boolean withRefresh) {
        ObjectNode body = answer(auth.issueAccessToken(user));
        if (withRefresh) {
            body.put("refresh_token", auth.issueRefreshToken(user));
        }
        return SimResponse.json(200, Json.write(body));
    }

    private ObjectNode answer(String accessToken) {
        ObjectNode body = Json.object();
        body.put("access_token", accessToken);
        body.put("scope", "useraccount");
        body.put("token_type", "Bearer");
        body.put("expires_in", auth.accessLifetime().toSeconds());
        return body;
    }

    private static SimResponse denied() {
        return SimResponse.json(401, DENIED);
    }
}
