package io.ticketbridge.sandbox.servicenow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends what an admin's business rule + REST Message would: a JSON POST for one record, authenticated per
 * {@link WebhookSigning}. {@link #sign} is public so receivers' tests can compute the expected signature.
 */
public final class ServiceNowWebhook {

    public static final String TIMESTAMP_HEADER = "X-TicketBridge-Timestamp";
    public static final String SIGNATURE_HEADER = "X-TicketBridge-Signature";

    /** What was sent and what the receiver answered. */
    public record Delivery(int status, String responseBody, byte[] sentBody, Map<String, String> sentHeaders) {
        public Delivery {
            sentBody = sentBody.clone();
            sentHeaders = Map.copyOf(sentHeaders);
        }

        @Override
        public byte[] sentBody() {
            return sentBody.clone();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceNowWebhook() {
    }

    /** {@code base64(HMAC-SHA256(key = UTF-8(secret), UTF-8(timestamp) || body))}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> headers(WebhookSigning signing, String secret, long epochSeconds, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "ServiceNow/1.0");
        switch (signing) {
            case HMAC -> {
                String timestamp = Long.toString(epochSeconds);
                headers.put(TIMESTAMP_HEADER, timestamp);
                headers.put(SIGNATURE_HEADER, sign(secret, timestamp, body));
            }
            case AUTHORIZATION -> headers.put("Authorization", secret);
            case NONE -> {
            }
        }
        return headers;
    }

    static Delivery send(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Delivery(response.statusCode(), response.body(), body, headers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("webhook to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending a webhook", e);
        }
    }
}
