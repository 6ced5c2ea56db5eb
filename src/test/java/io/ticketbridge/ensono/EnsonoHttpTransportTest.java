package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.ensono.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same inbound path over the bridge's HTTP queue API (GET /queue, DELETE /queue/{encoded handle}). */
class EnsonoHttpTransportTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        env = new EnsonoTestSupport("httpq.fifo", 30, "http", true, Map.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void messagesAreReadAppliedAndDeletedByTheirUrlEncodedReceiptHandle() {
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Via HTTP queue"));
        env.sim.agentNote(number, "second message", "Agent");
        await().until(() -> env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId,
                number)).isPresent());
        String ticketId = env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId,
                number)).orElseThrow().ticketId();
        await().until(() -> env.api.get("/api/tickets/" + ticketId + "/comments").text().contains("second message"));
        await().until(() -> env.requests("DELETE", "").stream().filter(r -> r.path().contains("/queue/")).count() >= 2);
        for (RecordedRequest d : env.requests("DELETE", "")) {
            String raw = d.path().substring(d.path().indexOf("/queue/") + "/queue/".length());
            assertThat(raw).doesNotContain("/");
            assertThat(URLDecoder.decode(raw, StandardCharsets.UTF_8)).isNotBlank();
        }
        assertThat(env.requests("GET", "/queue")).isNotEmpty();
        await().until(() -> env.api.get("/api/ensono/" + env.integrationId + "/queue").json().path("transport")
                .asText().equals("http"));
        String empty = env.api.post("/api/ensono/" + env.integrationId + "/poll", Map.of()).text();
        assertThat(empty).contains("\"received\":0");
        // the connection test and a dev-only GET through the management API
        assertThat(env.api.post("/api/integrations/" + env.integrationId + "/test", null).json().path("success")
                .asBoolean()).isTrue();
        assertThat(env.api.post("/api/integrations/" + env.integrationId + "/execute", Map.of("action", "get",
                "parameters", Map.of("ticket_number", number))).text()).contains("Via HTTP queue");
    }
}
