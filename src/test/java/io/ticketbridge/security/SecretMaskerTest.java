package io.ticketbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log converters, audit store and error messages rely on to keep secrets out. */
class SecretMaskerTest {

    @Test
    void bearerAndBasicAuthorizationValuesAreMasked() {
        assertThat(SecretMasker.mask("Authorization: Bearer eyJhbGciOi.payload.sig"))
                .isEqualTo("Authorization: Bearer ****");
        assertThat(SecretMasker.mask("authorization=Basic dXNlcjpwYXNz; next"))
                .isEqualTo("authorization=Basic ****; next");
        assertThat(SecretMasker.mask("{\"Authorization\":\"Bearer abc123\",\"x\":1}"))
                .isEqualTo("{\"Authorization\":\"Bearer ****\",\"x\":1}");
        assertThat(SecretMasker.mask("Authorization: Zoho-oauthtoken 1000.abc")).isEqualTo(
                "Authorization: Zoho-oauthtoken ****");
    }

    @Test
    void vendorKeyHeadersAndSecretFieldsAreMasked() {
        assertThat(SecretMasker.mask("authtoken=ABCD-1234")).isEqualTo("authtoken=****");
        assertThat(SecretMasker.mask("X-API-Key: k-987")).isEqualTo("X-API-Key: ****");
        assertThat(SecretMasker.mask("{\"x-api-key\":\"k-987\"}")).isEqualTo("{\"x-api-key\":\"****\"}");
        assertThat(SecretMasker.mask("{\"password\":\"hunter2\",\"user\":\"bob\"}"))
                .isEqualTo("{\"password\":\"****\",\"user\":\"bob\"}");
        assertThat(SecretMasker.mask("password = hunter2 & user=bob")).isEqualTo("password = **** & user=bob");
        assertThat(SecretMasker.mask("technician_key: 5F2A")).isEqualTo("technician_key: ****");
        assertThat(SecretMasker.mask("client_secret=abc&refresh_token=def"))
                .isEqualTo("client_secret=****&refresh_token=****");
    }

    @Test
    void registeredSecretsAreMaskedWhereverTheyAppear() {
        String secret = "reg-" + java.util.UUID.randomUUID();
        assertThat(SecretMasker.mask("vendor said: " + secret + " is wrong")).contains(secret);
        SecretMasker.register(secret);
        assertThat(SecretMasker.mask("vendor said: " + secret + " is wrong")).isEqualTo("vendor said: **** is wrong");
        assertThat(SecretMasker.mask("{\"echo\":\"" + secret + "\"}")).doesNotContain(secret);
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Ticket TB-12 moved to resolved by bob; 3 tokens left; subject: VPN password reset request";
        assertThat(SecretMasker.mask(text)).isEqualTo(text);
        assertThat(SecretMasker.mask(null)).isNull();
        assertThat(SecretMasker.mask("")).isEmpty();
    }

    @Test
    void preSignedUrlSignaturesAreMaskedInUrlsAndInS3ErrorBodies() {
        assertThat(SecretMasker.mask("https://s3.example/b/k?X-Amz-Credential=AKIA%2F20261123&X-Amz-Expires=120"
                + "&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
                .doesNotContain("0f1e2d3c4b5a").doesNotContain("AKIA").contains("X-Amz-Expires=120");
        assertThat(SecretMasker.mask("<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>abc123def456"
                + "</SignatureProvided><StringToSign>AWS4-HMAC-SHA256\n20261123</StringToSign></Error>"))
                .isEqualTo("<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>****</SignatureProvided>"
                        + "<StringToSign>****</StringToSign></Error>");
    }
}
