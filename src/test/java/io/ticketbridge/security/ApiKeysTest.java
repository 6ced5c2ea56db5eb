package io.ticketbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import io.ticketbridge.model.Hashes;
import org.junit.jupiter.api.Test;

/** API key format, lookup id and hash matching. */
class ApiKeysTest {

    @Test
    void keysHaveTheDocumentedFormatAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeys.NewKey k = ApiKeys.generate();
            assertThat(k.plaintext()).matches("tb_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
            assertThat(k.plaintext()).startsWith("tb_" + k.keyId() + "_");
            assertThat(ApiKeys.keyIdOf(k.plaintext())).isEqualTo(k.keyId());
            assertThat(k.hash()).isEqualTo(Hashes.sha256(k.plaintext())).hasSize(64).doesNotContain(k.plaintext());
            assertThat(seen.add(k.plaintext())).isTrue();
        }
    }

    @Test
    void onlyTheExactKeyMatchesItsHash() {
        ApiKeys.NewKey k = ApiKeys.generate();
        assertThat(ApiKeys.matches(k.plaintext(), k.hash())).isTrue();
        assertThat(ApiKeys.matches(k.plaintext() + "x", k.hash())).isFalse();
        assertThat(ApiKeys.matches(k.plaintext().substring(1), k.hash())).isFalse();
        assertThat(ApiKeys.matches(ApiKeys.generate().plaintext(), k.hash())).isFalse();
        assertThat(ApiKeys.matches(k.plaintext(), k.hash().toUpperCase())).isFalse();
        assertThat(ApiKeys.matches(k.plaintext(), k.hash().substring(0, 63))).isFalse();
        assertThat(ApiKeys.matches(null, k.hash())).isFalse();
        assertThat(ApiKeys.matches(k.plaintext(), null)).isFalse();
    }

    @Test
    void malformedKeysHaveNoKeyId() {
        assertThat(ApiKeys.keyIdOf(null)).isNull();
        assertThat(ApiKeys.keyIdOf("test-admin-key-0123456789abcdef")).isNull();
        assertThat(ApiKeys.keyIdOf("tb_short_secret")).isNull();
        assertThat(ApiKeys.keyIdOf("tb_abcdefghijklm_secret")).isNull();
        assertThat(ApiKeys.keyIdOf("tb_abcdefghijkl_secret")).isEqualTo("abcdefghijkl");
    }
}
