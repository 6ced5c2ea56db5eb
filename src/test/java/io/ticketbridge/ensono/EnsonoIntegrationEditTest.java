package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.store.Hub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routine edits of a live Ensono integration (a timeout, a key rotation, disable and enable) through
 * PUT /api/integrations/{id}: the next queue message is read with the new settings and applied, with
 * no restart. The replaced poller must not close a client its successor uses.
 */
class EnsonoIntegrationEditTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        // long polling, as in production: a receive loop is waiting on the queue when each edit lands
        env = new EnsonoTestSupport("edits.fifo", 5, "sqs", false, Map.of("ticketbridge.ensono.sqs.wait-seconds", "1"),
                Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private List<String> notes(String number) {
        Hub hub = env.rt.hub();
        return hub.jdbi.withHandle(h -> hub.links.byRemoteNumber(h, env.integrationId, number)
                .map(l -> hub.activity.comments(h, l.ticketId()).stream().map(Comment::body).toList())
                .orElse(List.of()));
    }

    private Map<String, Object> config(int timeoutMs) {
        JsonNode current = env.api.get("/api/integrations/" + env.integrationId).json().get("config");
        Map<String, Object> c = new LinkedHashMap<>(Json.toMap(current));
        c.put("timeout_ms", timeoutMs);
        return c;
    }

    /** Edits, then lets the replaced poller's long poll run out, so only its successor can take the next message. */
    private void edit(Map<String, Object> body) {
        var r = env.api.put("/api/integrations/" + env.integrationId, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(1600))
                .atMost(java.time.Duration.ofSeconds(5)).until(() -> true);
    }

    @Test
    void afterEachEditTheNextMessageIsAppliedWithoutARestart() {
        String n = env.sim.agentCreate(Json.object().put("shortDescription", "edited live"));
        await().until(() -> env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h,
                env.integrationId, n)).isPresent());

        edit(Map.of("config", config(2500)));
        env.sim.agentNote(n, "after the timeout edit", "Agent");
        await().until(() -> notes(n).contains("after the timeout edit"));

        edit(Map.of("credentials", Map.of("aws_access_key_id", "rotated", "aws_secret_access_key", "rotated-secret")));
        env.sim.agentNote(n, "after the key rotation", "Agent");
        await().until(() -> notes(n).contains("after the key rotation"));

        edit(Map.of("enabled", false));
        edit(Map.of("enabled", true));
        env.sim.agentNote(n, "after disable and enable", "Agent");
        await().until(() -> notes(n).contains("after disable and enable"));

        // the same settings written again: still one reader, still reading
        edit(Map.of("config", config(2500)));
        env.sim.agentNote(n, "after a no-op edit", "Agent");
        await().until(() -> notes(n).contains("after a no-op edit"));
        assertThat(notes(n)).containsExactly("after the timeout edit", "after the key rotation",
                "after disable and enable", "after a no-op edit");
    }
}
