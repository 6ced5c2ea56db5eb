package io.ticketbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A create whose answer is lost (timeout) is not sent twice: the retry adopts the request SDP made. */
class SdpCreateAdoptionTest {

    static SdpSimulator sdp;
    static TestRuntime rt;
    static ApiClient api;

    @BeforeAll
    static void boot() {
        sdp = SdpSimulator.start(new SdpSimulator.Options().authtoken("sdp-token-123456"));
        rt = TestRuntime.start(Map.of("ticketbridge.jobs.retry.initial-delay-ms", "200"));
        api = rt.admin();
        assertThat(api.post("/api/integrations/manageengine-servicedesk", Map.of("url", sdp.baseUrl(),
                "api_key", "sdp-token-123456", "timeout_ms", 700, "config", Map.of("uncertain_create_retry_ms", 2500))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        rt.close();
        sdp.close();
    }

    @Test
    void timedOutCreateIsAdoptedNotDuplicated() {
        String id = api.post("/api/tickets", Map.of("subject", "Printer on fire", "priority", "urgent"))
                .json().get("id").asText();
        sdp.delayNext(1, Duration.ofMillis(1500));
        var push = api.post("/api/integrations/manageengine-servicedesk/push", Map.of("ticket_id", id));
        assertThat(push.status()).as(push.toString()).isEqualTo(200);
        assertThat(push.json().get("attempts").asInt()).isEqualTo(2);
        assertThat(push.json().path("result").path("adopted_earlier_create").asText()).isNotEmpty();
        long creates = sdp.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/api/v3/requests")).count();
        assertThat(creates).isEqualTo(1);
        assertThat(sdp.requestCount()).isEqualTo(1);
    }
}
