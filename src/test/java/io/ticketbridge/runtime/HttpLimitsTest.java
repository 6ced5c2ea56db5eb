package io.ticketbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the API port answers before any route runs, over raw sockets: oversized request lines and
 * headers and undecodable paths get the one JSON error shape, and slow clients (idle, half-sent
 * headers, half-sent body) are cut off by the configured timeouts while the server stays healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpLimitsTest {

    TestRuntime rt;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start(Map.of("ticketbridge.http.idle-timeout-ms", "3000",
                "ticketbridge.http.header-timeout-ms", "1500", "ticketbridge.http.body-timeout-ms", "1500"));
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    record Raw(int status, String head, String body, long millis) {
        JsonNode json() {
            return Json.read(body);
        }
    }

    /** Sends the bytes (optionally dripping more), reads until the server closes or 15 s pass. */
    Raw exchange(int port, String request, String drip, long dripEveryMillis) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            if (drip != null) {
                s.setSoTimeout((int) dripEveryMillis);
                for (int i = 0; i < 60; i++) {
                    try {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        got.write(buf, 0, n);
                    } catch (SocketTimeoutException stillOpen) {
                        try {
                            out.write(drip.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        } catch (IOException closed) {
                            break;
                        }
                    }
                }
            } else {
                int n;
                try {
                    while ((n = in.read(buf)) >= 0) {
                        got.write(buf, 0, n);
                    }
                } catch (IOException reset) {
                    // a close with unread input can arrive as a reset
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String text = got.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = head.startsWith("HTTP/") ? Integer.parseInt(head.substring(9, 12)) : 0;
            return new Raw(status, head, body, millis);
        }
    }

    void assertErrorShape(Raw r, int status, String error) {
        assertThat(r.status()).as(r.head()).isEqualTo(status);
        assertThat(r.head().toLowerCase()).contains("content-type: application/json");
        JsonNode b = r.json();
        assertThat(b.get("error").asText()).isEqualTo(error);
        assertThat(b.get("message").asText()).isNotBlank();
        assertThat(b.get("validationErrors").isArray()).isTrue();
        assertThat(b.get("warnings").isArray()).isTrue();
    }

    @Test
    void tooLongRequestLinesAndHeadersAndBadEscapesAnswerInTheErrorShape() throws IOException {
        int port = rt.port();
        assertErrorShape(exchange(port, "GET /api/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", null, 0),
                414, "uri_too_long");
        assertErrorShape(exchange(port, "GET /api/tickets HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000)
                + "\r\n\r\n", null, 0), 431, "header_fields_too_large");
        for (String path : new String[] {"/api/tickets/%zz", "/%zz", "/api/%", "/%E0%A4%A"}) {
            assertErrorShape(exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    null, 0), 400, "bad_request");
        }
        assertErrorShape(exchange(port, "NOT HTTP AT ALL\r\n\r\n", null, 0), 400, "bad_request");
        // the management port too
        int mgmt = Integer.parseInt(rt.managementUrl().substring(rt.managementUrl().lastIndexOf(':') + 1));
        assertErrorShape(exchange(mgmt, "GET /observe/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", null, 0),
                414, "uri_too_long");
        assertThat(rt.admin().get("/api/tickets").status()).isEqualTo(200);
    }

    @Test
    void slowClientsAreCutOffAndTheServerStaysHealthy() throws IOException {
        int port = rt.port();
        // idle: connects and sends nothing
        Raw idle = exchange(port, "", null, 0);
        assertThat(idle.millis()).isBetween(1000L, 6000L);
        // half-sent headers, one header line every 400 ms for ever (an idle timeout alone never trips)
        Raw headers = exchange(port, "GET /api/tickets HTTP/1.1\r\nHost: x\r\n", "X-Drip: 1\r\n", 400);
        assertThat(headers.millis()).as("closed after %d ms", headers.millis()).isBetween(1000L, 6000L);
        assertThat(headers.status()).isZero();
        // half-sent body: 10 of 100 bytes, then a byte every 400 ms
        Raw body = exchange(port, "POST /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestRuntime.ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"subject\"",
                " ", 400);
        assertThat(body.millis()).as("closed after %d ms", body.millis()).isBetween(1000L, 6000L);
        assertErrorShape(body, 408, "request_timeout");
        assertThat(rt.admin().get("/api/tickets").status()).isEqualTo(200);
        assertThat(rt.admin().get("/api/tickets").json().get("total").asLong()).isZero();
    }

    @Test
    void aRequestThatTakesLongerThanTheIdleTimeoutToAnswerIsNotCutOff() {
        try (FaultStub slow = new FaultStub()) {
            slow.delay(java.time.Duration.ofMillis(4500));
            String hook = rt.admin().post("/api/integrations", Map.of("platform", "webhook", "name", "slow hook",
                    "base_url", slow.baseUrl())).json().get("id").asText();
            long start = System.nanoTime();
            ApiClient.Response r = rt.admin().post("/api/integrations/" + hook + "/execute",
                    Map.of("action", "post", "parameters", Map.of("x", 1)));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThan(4000);
        }
    }
}
