package io.ticketbridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential master key: TICKETBRIDGE_MASTER_KEY (base64 or hex of 32 bytes), else a key file.
 * Outside prod the key file is created on first run with owner-only permissions.
 */
public final class MasterKeys {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {
    }

    public static byte[] parse(String value) {
        String v = value.trim();
        try {
            if (v.matches("^[0-9a-fA-F]{64}$")) {
                return HexFormat.of().parseHex(v);
            }
            byte[] decoded = Base64.getDecoder().decode(v);
            if (decoded.length == 32) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw new IllegalStateException(
                "TICKETBRIDGE_MASTER_KEY must be 32 bytes, base64 or hex encoded (e.g. `openssl rand -base64 32`)");
    }

    /** Reads the key file, or creates it when allowed; empty when absent and creation is not allowed. */
    public static Optional<byte[]> fromFile(Path file, boolean create) {
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(parse(Files.readString(file, StandardCharsets.US_ASCII)));
            }
            if (!create) {
                return Optional.empty();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            restrictToOwner(file);
            LOG.warn("Generated a credential master key in {} (owner-only). Back it up: credentials stored with it"
                    + " cannot be read without it.", file);
            return Optional.of(key);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file + ": " + e.getMessage());
        }
    }

    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict permissions of {} on this file system", file);
        }
    }

    /** Writes a generated secret to an owner-only file (used for the laptop admin key). */
    public static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
            restrictToOwner(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage());
        }
    }
}
