package io.ticketbridge.sandbox.ensono;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tiny S3 stand-in for the bridge's file transfer: pre-signed URLs (PUT for client uploads, GET for
 * Ensono attachments) that expire, served under {@code /_s3/} on the simulator's port. Like S3, a URL may
 * be used repeatedly until it expires, carries its own authorisation (no {@code x-api-key}), and is bound
 * to its HTTP method.
 */
final class PresignedStorage {

    static final String PATH_PREFIX = "/_s3/";
    /** Upload URL lifetime from the client guide ({@code X-Amz-Expires=120}). */
    static final Duration UPLOAD_TTL = Duration.ofSeconds(120);
    /** Download URL lifetime seen in the guide's Attachment transaction sample. */
    static final Duration DOWNLOAD_TTL = Duration.ofHours(24);

    record StoredObject(byte[] content, String contentType, Instant storedAt) {
    }

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    /** Delays of the next downloads (a slow object store), first one first. */
    private final java.util.Deque<Duration> downloadDelays = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final byte[] secret = new byte[32];
    private final SimTime time;
    private final String serverUrl;
    private final BiConsumer<String, StoredObject> onUpload;

    PresignedStorage(SimTime time, String serverUrl, BiConsumer<String, StoredObject> onUpload) {
        this.time = time;
        this.serverUrl = serverUrl;
        this.onUpload = onUpload;
        new SecureRandom().nextBytes(secret);
    }

    /** URL valid for {@code method} on {@code key} (slash-separated) until now + ttl. */
    String presign(String method, String key, Duration ttl) {
        String amzDate = AMZ_DATE.format(time.now().truncatedTo(ChronoUnit.SECONDS));
        String expires = Long.toString(ttl.toSeconds());
        StringBuilder path = new StringBuilder(serverUrl).append(PATH_PREFIX.substring(0, PATH_PREFIX.length() - 1));
        for (String segment : key.split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=SIMULATOR%2F" + amzDate.substring(0, 8) + "%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + expires
                + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=" + sign(method, key, amzDate, expires);
    }

    void put(String key, byte[] content, String contentType) {
        objects.put(key, new StoredObject(content.clone(), contentType, time.now()));
    }

    Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    SimResponse handle(RecordedRequest request) {
        String key = keyOf(request.path());
        Map<String, String> query = parseQuery(request.query());
        String amzDate = query.get("X-Amz-Date");
        String expires = query.get("X-Amz-Expires");
        String signature = query.get("X-Amz-Signature");
        if (amzDate == null || expires == null || signature == null) {
            return s3Error(403, "AccessDenied", "Query-string authentication requires X-Amz-Date, X-Amz-Expires and X-Amz-Signature", "");
        }
        if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                sign(request.method(), key, amzDate, expires).getBytes(StandardCharsets.UTF_8))) {
            return s3Error(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.", "");
        }
        Instant expiry;
        try {
            expiry = Instant.from(AMZ_DATE.parse(amzDate)).plusSeconds(Long.parseLong(expires));
        } catch (DateTimeParseException | NumberFormatException e) {
            return s3Error(403, "AccessDenied", "Access Denied", "");
        }
        Instant now = time.now();
        if (now.isAfter(expiry)) {
            return s3Error(403, "AccessDenied", "Request has expired", "<X-Amz-Expires>" + expires + "</X-Amz-Expires>"
                    + "<Expires>" + expiry + "</Expires><ServerTime>" + now.truncatedTo(ChronoUnit.SECONDS) + "</ServerTime>");
        }
        return "PUT".equals(request.method()) ? store(key, request) : fetch(key);
    }

    private SimResponse store(String key, RecordedRequest request) {
        String contentType = request.header("content-type").orElse("binary/octet-stream");
        byte[] content = request.rawBody();
        StoredObject object = new StoredObject(content, contentType, time.now());
        objects.put(key, object);
        onUpload.accept(key, object);
        return SimResponse.raw(200, null, new byte[0]).withHeader("ETag", "\"" + md5Hex(content) + "\"");
    }

    /** The next {@code n} downloads (GETs of pre-signed URLs) wait {@code delay} before answering. */
    void delayNextDownloads(int n, Duration delay) {
        for (int i = 0; i < n; i++) {
            downloadDelays.addLast(delay);
        }
    }

    private SimResponse fetch(String key) {
        Duration delay = downloadDelays.pollFirst();
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StoredObject object = objects.get(key);
        if (object == null) {
            return s3Error(404, "NoSuchKey", "The specified key does not exist.", "<Key>" + xmlEscape(key) + "</Key>");
        }
        return SimResponse.raw(200, object.contentType(), object.content().clone());
    }

    private static String keyOf(String rawPath) {
        String[] segments = rawPath.substring(PATH_PREFIX.length()).split("/");
        StringBuilder key = new StringBuilder();
        for (String segment : segments) {
            if (key.length() > 0) {
                key.append('/');
            }
            // path semantics: '+' is a literal plus, not a space
            key.append(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return key.toString();
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private String sign(String method, String key, String amzDate, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String canonical = method + "\n" + key + "\n" + amzDate + "\n" + expires;
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JRE", e);
        }
    }

    private static String md5Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is mandatory in every JRE", e);
        }
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static SimResponse s3Error(int status, String code, String message, String extra) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        return SimResponse.xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + message + "</Message>" + extra + "<RequestId>" + requestId
                + "</RequestId><HostId>ensono-simulator</HostId></Error>");
    }
}
