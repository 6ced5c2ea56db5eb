package io.ticketbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.sdp.RecordedRequest;
import io.ticketbridge.sandbox.sdp.SdpSimulator;

/**
 * One SDP simulator and one TicketBridge runtime with an on-prem ServiceDesk Plus integration
 * configured through the API, as a user would set it up. Retries and breaker are sped up so fault
 * tests stay fast and never trip the breaker for later tests.
 */
public final class SdpTestBed implements AutoCloseable {

    public static final String ALIAS = "/api/integrations/manageengine-servicedesk";
    public static final String AUTHTOKEN = "sdp-onprem-key-7f3a9c21";
    public static final String WEBHOOK_SECRET = "hook-secret-5b2e8d41";

    public final SdpSimulator sdp;
    public final TestRuntime rt;
    public final ApiClient api;
    public final String integrationId;

    private SdpTestBed(SdpSimulator sdp, TestRuntime rt, Map<String, Object> config) {
        this.sdp = sdp;
        this.rt = rt;
        this.api = rt.admin();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", sdp.baseUrl());
        body.put("api_key", AUTHTOKEN);
        body.put("webhook_secret", WEBHOOK_SECRET);
        body.put("max_requests_per_second", 500);
        body.putAll(config);
        ApiClient.Response r = api.post(ALIAS, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        this.integrationId = r.json().get("id").asText();
    }

    public static SdpTestBed start() {
        return start(new SdpSimulator.Options(), Map.of(), Map.of());
    }

    /** Simulator options (the authtoken is always {@link #AUTHTOKEN}), runtime overrides, extra integration config. */
    public static SdpTestBed start(SdpSimulator.Options options, Map<String, String> overrides,
                                   Map<String, Object> config) {
        SdpSimulator sdp = SdpSimulator.start(options.authtoken(AUTHTOKEN));
        Map<String, String> props = new LinkedHashMap<>(fastRetries());
        props.putAll(overrides);
        TestRuntime rt = TestRuntime.start(props);
        return new SdpTestBed(sdp, rt, config);
    }

    public static Map<String, String> fastRetries() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ticketbridge.jobs.retry.initial-delay-ms", "200");
        p.put("ticketbridge.jobs.retry.max-delay-ms", "1000");
        p.put("ticketbridge.jobs.breaker.minimum-calls", "100000");
        p.put("ticketbridge.jobs.breaker.open-wait-ms", "1000");
        p.put("ticketbridge.sync.api-wait-ms", "15000");
        return p;
    }

    /** A hub ticket created through the API; returns its id. */
    public String ticket(Map<String, Object> fields) {
        ApiClient.Response r = api.post("/api/tickets", fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Pushes a hub ticket (creating or updating its SDP request); returns the SDP request id. */
    public String push(String ticketId) {
        ApiClient.Response r = api.post(ALIAS + "/push", Map.of("ticket_id", ticketId));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("remote_id").asText();
    }

    public JsonNode hubTicket(String ticketId) {
        ApiClient.Response r = api.get("/api/tickets/" + ticketId);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** A count from the hub database (positional ? parameters). */
    public long count(String sql, Object... args) {
        return rt.hub().jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** One string column from the hub database (positional ? parameters). */
    public List<String> strings(String sql, Object... args) {
        return rt.hub().jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(String.class).list();
        });
    }

    /** The SDP request ids this hub ticket is linked to (exactly one when pushed once). */
    public List<String> links(String ticketId) {
        return strings("select remote_id from links where integration_id=? and ticket_id=?", integrationId, ticketId);
    }

    /** Requests SDP received whose method matches and whose path matches the regex (after /api/v3). */
    public List<RecordedRequest> calls(String method, String pathRegex) {
        Predicate<RecordedRequest> p = r -> r.method().equals(method)
                && r.path().matches("/api/v3" + pathRegex);
        return sdp.requests().stream().filter(p).toList();
    }

    /** Every request SDP received to /api/v3, as "METHOD /path" (for readable failure messages). */
    public List<String> journal() {
        return sdp.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** POSTs multipart/form-data: text fields, then one file part named {@code file}. */
    public ApiClient.Response postMultipart(String path, Map<String, String> fields, String fileName,
                                            String contentType, byte[] content) {
        String boundary = "----tbtest" + System.nanoTime();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(utf8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(utf8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        return api.send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    /** The one error shape: exactly error, message, validationErrors, warnings. */
    public static JsonNode assertError(ApiClient.Response r, int status, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        JsonNode body = r.json();
        List<String> keys = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("error", "message", "validationErrors", "warnings");
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("validationErrors").isArray()).isTrue();
        assertThat(body.get("warnings").isArray()).isTrue();
        return body;
    }

    /** A 400 whose validationErrors mention every fragment. */
    public static void assertValidation(ApiClient.Response r, String... fragments) {
        JsonNode body = assertError(r, 400, "validation_failed");
        String errors = body.get("validationErrors").toString();
        for (String f : fragments) {
            assertThat(errors).as(r.toString()).contains(f);
        }
    }

    @Override
    public void close() {
        rt.close();
        sdp.close();
    }
}
