package io.ticketbridge.sandbox.ensono;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Re-encodes ElasticMQ receipt handles ({@code <messageId>#<uuid>}) into AWS-looking ones.
 *
 * <p>Real handles are long base64 strings beginning {@code AQEB} that almost always contain {@code /}
 * and {@code +}; that is why the guide insists on URL-encoding them in {@code DELETE /queue/{handle}}.
 * ElasticMQ's handles contain neither, so a client that forgets to encode would pass against a naive
 * simulator. The fixed prefix bytes {@code 01 01 01 FF EF FE} encode to {@code AQEB/+/+}, guaranteeing
 * both characters; the encoding is reversible, so no handle table is kept.
 */
final class ReceiptHandles {

    private static final byte[] PREFIX = {0x01, 0x01, 0x01, (byte) 0xFF, (byte) 0xEF, (byte) 0xFE};

    private ReceiptHandles() {
    }

    static String toBridge(String sqsHandle) {
        byte[] handle = sqsHandle.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(PREFIX, PREFIX.length + handle.length);
        System.arraycopy(handle, 0, bytes, PREFIX.length, handle.length);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The SQS handle, or empty when {@code bridgeHandle} was not produced by {@link #toBridge}. */
    static Optional<String> toSqs(String bridgeHandle) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(bridgeHandle);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length <= PREFIX.length || !Arrays.equals(PREFIX, Arrays.copyOf(bytes, PREFIX.length))) {
            return Optional.empty();
        }
        return Optional.of(new String(bytes, PREFIX.length, bytes.length - PREFIX.length, StandardCharsets.UTF_8));
    }
}
