package io.ticketbridge.ensono;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.ticketbridge.model.Json;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With long polling (as in production), each integration's receive loops run on their own: a second
 * Ensono integration waiting in a long poll on its empty queue does not hold up the first one.
 */
class EnsonoLongPollTest {

    static EnsonoTestSupport env;
    static String quietIntegration;

    @BeforeAll
    static void start() {
        env = new EnsonoTestSupport("longpoll.fifo", 30, "sqs", true,
                Map.of("ticketbridge.ensono.sqs.wait-seconds", "8"), Map.of());
        String quietQueue = env.sqs.createFifoQueue("quiet.fifo");
        var r = env.api.post("/api/integrations", Map.of("platform", "ensono", "name", "Ensono quiet",
                "base_url", env.sim.baseUrl(), "credentials", Map.of("api_key", EnsonoTestSupport.API_KEY,
                        "aws_access_key_id", "x", "aws_secret_access_key", "x"),
                "config", Map.of("client_name", "acme", "queue_url", quietQueue, "sqs_endpoint", env.sqs.endpoint(),
                        "sqs_region", "us-east-1")));
        assertThat(r.status()).isEqualTo(201);
        quietIntegration = r.json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static boolean polled(String integrationId) {
        return env.api.get("/api/ensono/" + integrationId + "/queue").json().path("polled").asBoolean();
    }

    @Test
    void aLongPollOnOneQueueDoesNotHoldUpAnotherIntegration() {
        // both integrations' loops have finished a long poll on their empty queues and are in the next one
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> polled(env.integrationId) && polled(quietIntegration));
        long sent = System.nanoTime();
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Arrives during a long poll"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h,
                        env.integrationId, number)).isPresent());
        double seconds = (System.nanoTime() - sent) / 1e9;
        // a long poll returns as soon as the message is there; it never waits for the quiet queue's 8 s poll
        assertThat(seconds).isLessThan(4.0);
    }
}
