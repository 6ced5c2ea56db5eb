package io.ticketbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import io.ticketbridge.model.Hashes;

/**
 * API key format {@code tb_<keyId>_<secret>}: the key id locates the stored hash, the secret is
 * compared by hash in constant time. Keys carry 256 bits of randomness, so SHA-256 is a sufficient
 * at-rest hash (no password stretching needed).
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ApiKeys() {
    }

    public record NewKey(String keyId, String plaintext, String hash) {
    }

    public static NewKey generate() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plaintext = "tb_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(id.toString(), plaintext, hash(plaintext));
    }

    /** The key id of a well-formed key, or null. */
    public static String keyIdOf(String presented) {
        if (presented == null || !presented.startsWith("tb_")) {
            return null;
        }
        int sep = presented.indexOf('_', 3);
        if (sep != 15) {
            return null;
        }
        return presented.substring(3, sep);
    }

    public static String hash(String key) {
        return Hashes.sha256(key);
    }

    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
