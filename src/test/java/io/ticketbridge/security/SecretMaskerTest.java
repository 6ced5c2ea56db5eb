package io.ticketbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import org.junit.jupiter.api.Test;

/** What the log converters, audit store and error messages rely on to keep secrets out. */
class SecretMaskerTest {

    @Test
    void bearerAndBasicAuthorizationValuesAreMasked() {
        assertThat(SecretMasker.text("Authorization: Bearer eyJhbGciOi.payload.sig"))
                .isEqualTo("Authorization: Bearer ****");
        assertThat(SecretMasker.text("authorization=Basic dXNlcjpwYXNz; next"))
                .isEqualTo("authorization=Basic ****; next");
        assertThat(SecretMasker.text("{\"Authorization\":\"Bearer abc123\",\"x\":1}"))
                .isEqualTo("{\"Authorization\":\"Bearer ****\",\"x\":1}");
        assertThat(SecretMasker.text("Authorization: Zoho-oauthtoken 1000.abc")).isEqualTo(
                "Authorization: Zoho-oauthtoken ****");
    }

    @Test
    void vendorKeyHeadersAndSecretFieldsAreMasked() {
        assertThat(SecretMasker.text("authtoken=ABCD-1234")).isEqualTo("authtoken=****");
        assertThat(SecretMasker.text("X-API-Key: k-987")).isEqualTo("X-API-Key: ****");
        assertThat(SecretMasker.text("{\"x-api-key\":\"k-987\"}")).isEqualTo("{\"x-api-key\":\"****\"}");
        assertThat(SecretMasker.text("{\"password\":\"hunter2\",\"user\":\"bob\"}"))
                .isEqualTo("{\"password\":\"****\",\"user\":\"bob\"}");
        assertThat(SecretMasker.text("password = hunter2 & user=bob")).isEqualTo("password = **** & user=bob");
        assertThat(SecretMasker.text("technician_key: 5F2A")).isEqualTo("technician_key: ****");
        assertThat(SecretMasker.text("client_secret=abc&refresh_token=def"))
                .isEqualTo("client_secret=****&refresh_token=****");
    }

    @Test
    void aCallsOwnSecretsAreMaskedInThatCallsRecordOnly() {
        String secret = "own-" + java.util.UUID.randomUUID();
        assertThat(SecretMasker.text("vendor said: " + secret + " is wrong", Set.of(secret)))
                .isEqualTo("vendor said: **** is wrong");
        assertThat(SecretMasker.body("{\"echo\":\"" + secret + "\"}", "application/json", Set.of(secret)))
                .isEqualTo("{\"echo\":\"****\"}");
        assertThat(SecretMasker.url("https://x.example/a?k=" + secret, Set.of(secret))).isEqualTo(
                "https://x.example/a?k=****");
        // another record, or the log, is not affected by it
        assertThat(SecretMasker.text("vendor said: " + secret + " is wrong")).contains(secret);
    }

    @Test
    void aTenantsCredentialNeverMasksAnotherRecord() {
        // a value such as "/api/tickets/" used as a credential must not blank out other spaces' paths
        assertThat(SecretMasker.text("/api/tickets/0197/comments")).isEqualTo("/api/tickets/0197/comments");
        JsonNode detail = SecretMasker.tree(Json.read("{\"path\":\"/api/tickets/0197\"}"), Set.of());
        assertThat(detail.get("path").asText()).isEqualTo("/api/tickets/0197");
    }

    @Test
    void jsonStaysJsonWhenAUrlInItCarriesASignature() {
        String url = "https://s3.example/b/k?X-Amz-Date=20261123T000000Z&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        String body = Json.write(Json.object().put("Response", url).put("next", "kept"));
        JsonNode masked = Json.read(SecretMasker.body(body, "application/json", Set.of()));
        assertThat(masked.get("Response").asText()).isEqualTo(
                "https://s3.example/b/k?X-Amz-Date=20261123T000000Z&X-Amz-Signature=****");
        assertThat(masked.get("next").asText()).isEqualTo("kept");
        JsonNode tree = SecretMasker.tree(Json.read("{\"detail\":{\"url\":\"" + url + "\",\"n\":1}}"), Set.of());
        assertThat(tree.at("/detail/url").asText()).endsWith("X-Amz-Signature=****");
        assertThat(tree.at("/detail/n").asInt()).isEqualTo(1);
    }

    @Test
    void structureDecidesWhatIsSecret() {
        assertThat(SecretMasker.url("https://h/p?key=1&access_token=abc&page=2&X-Amz-Credential=AKIA%2F1", Set.of()))
                .isEqualTo("https://h/p?key=1&access_token=****&page=2&X-Amz-Credential=****");
        assertThat(SecretMasker.body("grant_type=refresh_token&client_secret=s3cr3t&refresh_token=r1",
                "application/x-www-form-urlencoded", Set.of()))
                .isEqualTo("grant_type=refresh_token&client_secret=****&refresh_token=****");
        assertThat(SecretMasker.headers(Map.of("X-Api-Key", "k", "Accept", "json"), Set.of()))
                .containsEntry("X-Api-Key", "****").containsEntry("Accept", "json");
        JsonNode t = SecretMasker.tree(Json.read("{\"credentials\":{\"api_token\":\"t0k\",\"domain\":\"d\"},"
                + "\"next_page_token\":\"p2\",\"password\":null}"), Set.of());
        assertThat(t.at("/credentials/api_token").asText()).isEqualTo("****");
        assertThat(t.at("/credentials/domain").asText()).isEqualTo("d");
        assertThat(t.at("/next_page_token").asText()).isEqualTo("p2");
        assertThat(t.get("password").isNull()).isTrue();
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Ticket TB-12 moved to resolved by bob; 3 tokens left; subject: VPN password reset request";
        assertThat(SecretMasker.text(text)).isEqualTo(text);
        assertThat(SecretMasker.text(null)).isNull();
        assertThat(SecretMasker.text("")).isEmpty();
    }

    @Test
    void preSignedUrlSignaturesAreMaskedInUrlsAndInS3ErrorBodies() {
        assertThat(SecretMasker.text("https://s3.example/b/k?X-Amz-Credential=AKIA%2F20261123&X-Amz-Expires=120"
                + "&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
                .doesNotContain("0f1e2d3c4b5a").doesNotContain("AKIA").contains("X-Amz-Expires=120");
        assertThat(SecretMasker.text("<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>abc123def456"
                + "</SignatureProvided><StringToSign>AWS4-HMAC-SHA256\n20261123</StringToSign></Error>"))
                .isEqualTo("<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>****</SignatureProvided>"
                        + "<StringToSign>****</StringToSign></Error>");
    }
}
