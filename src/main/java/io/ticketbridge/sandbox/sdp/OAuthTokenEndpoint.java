package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Zoho Accounts' {@code POST /oauth/v2/token} for the refresh-token grant. Parameters are read from the form body
 * and the query string (Zoho's own docs put them in the query). Like Zoho, failures come back as HTTP 200 with
 * {@code {"error":"invalid_client"|"invalid_code"|"unsupported_grant_type"}} [UNVERIFIED status code], so a
 * client that only checks the status code is caught.
 */
final class OAuthTokenEndpoint {

    static final String PATH = "/oauth/v2/token";

    private final SdpAuth auth;
    private final Supplier<String> apiDomain;

    OAuthTokenEndpoint(SdpAuth auth, Supplier<String> apiDomain) {
        this.auth = auth;
        this.apiDomain = apiDomain;
    }

    ApiResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        if (!"POST".equals(method)) {
            throw SdpApiException.methodNotAllowed(method, "POST");
        }
        Map<String, List<String>> params = new LinkedHashMap<>(query);
        params.putAll(FormCodec.parse(new String(body, StandardCharsets.UTF_8)));
        ObjectNode answer = Json.object();
        if (!"refresh_token".equals(FormCodec.first(params, "grant_type"))) {
            answer.put("error", "unsupported_grant_type");
        } else if (!auth.validClient(FormCodec.first(params, "client_id"), FormCodec.first(params, "client_secret"))) {
            answer.put("error", "invalid_client");
        } else if (!auth.validRefreshToken(FormCodec.first(params, "refresh_token"))) {
            answer.put("error", "invalid_code");
        } else {
            answer.put("access_token", auth.issueAccessToken());
            answer.put("scope", "SDPOnDemand.requests.ALL");
            answer.put("api_domain", apiDomain.get());
            answer.put("token_type", "Bearer");
            answer.put("expires_in", auth.accessTokenLifetime().toSeconds());
        }
        return ApiResponse.ok(answer);
    }
}
