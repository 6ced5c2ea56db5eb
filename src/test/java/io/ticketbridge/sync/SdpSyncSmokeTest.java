package io.ticketbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.sdp.SdpSimulator;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SdpSyncSmokeTest {

    static SdpSimulator sdp;
    static TestRuntime rt;
    static ApiClient api;

    @BeforeAll
    static void boot() {
        sdp = SdpSimulator.start(new SdpSimulator.Options().authtoken("sdp-token-123456"));
        rt = TestRuntime.start();
        api = rt.admin();
        var r = api.post("/api/integrations/manageengine-servicedesk", Map.of("url", sdp.baseUrl(),
                "api_key", "sdp-token-123456", "webhook_secret", "hook-secret-1234"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        rt.close();
        sdp.close();
    }

    @Test
    void pushCreatesThenSendsOnlyTheDelta() {
        String id = api.post("/api/tickets", Map.of("subject", "VPN down", "priority", "high",
                "requester_email", "jane@example.com")).json().get("id").asText();
        var push = api.post("/api/integrations/manageengine-servicedesk/push", Map.of("ticket_id", id));
        System.out.println(push);
        assertThat(push.status()).isEqualTo(200);
        String remoteId = push.json().get("remote_id").asText();
        JsonNode req = sdp.request(remoteId);
        System.out.println(req);
        assertThat(req.path("subject").asText()).isEqualTo("VPN down");
        assertThat(req.path("priority").path("name").asText()).isEqualTo("High");
        sdp.clearRequests();
        api.post("/api/tickets/" + id + "/comments", Map.of("body", "hello from hub"));
        var upd = api.post("/api/integrations/manageengine-servicedesk/update", Map.of("ticket_id", id,
                "fields", Map.of("priority", "urgent")));
        System.out.println(upd);
        sdp.requests().forEach(x -> System.out.println(x.method() + " " + x.path() + " " + x.inputData()));
        assertThat(sdp.notes(remoteId)).hasSize(1);
    }
}
