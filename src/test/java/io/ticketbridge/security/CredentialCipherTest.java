package io.ticketbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** AES-256-GCM credentials bound to their integration id. */
class CredentialCipherTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final String SECRET = "{\"token\":\"s3cr3t-value\"}";

    final CredentialCipher cipher = new CredentialCipher(KEY);

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt(SECRET, "integration-1");
        String b = cipher.encrypt(SECRET, "integration-1");
        assertThat(a).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(a).isNotEqualTo(b); // fresh nonce each time
        assertThat(cipher.decrypt(a, "integration-1")).isEqualTo(SECRET);
        assertThat(cipher.decrypt(b, "integration-1")).isEqualTo(SECRET);
        assertThat(cipher.decrypt(cipher.encrypt("", "x"), "x")).isEmpty();
    }

    @Test
    void aCiphertextMovedToAnotherIntegrationDoesNotDecrypt() {
        String sealed = cipher.encrypt(SECRET, "integration-1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "integration-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aTamperedCiphertextDoesNotDecrypt() {
        String sealed = cipher.encrypt(SECRET, "integration-1");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        for (int i : new int[] {0, 12, raw.length / 2, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String bad = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.decrypt(bad, "integration-1")).as("flipped byte %d", i)
                    .isInstanceOf(IllegalStateException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(raw, raw.length - 1);
        assertThatThrownBy(() -> cipher.decrypt("v1:" + Base64.getEncoder().encodeToString(truncated),
                "integration-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:not base64!", "integration-1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("plain text", "integration-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherMasterKeyCannotDecrypt() {
        String sealed = cipher.encrypt(SECRET, "integration-1");
        byte[] other = KEY.clone();
        other[0] ^= 0x01;
        assertThatThrownBy(() -> new CredentialCipher(other).decrypt(sealed, "integration-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theMasterKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new CredentialCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CredentialCipher(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }
}
