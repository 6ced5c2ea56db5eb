package io.ticketbridge.ensono;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.store.Hub;
import io.ticketbridge.testing.ApiClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stop/restart in the middle of a backlog, poison messages parked and handled through the API. */
class EnsonoQueueResilienceTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        env = new EnsonoTestSupport("resilience.fifo", 2, "sqs", true,
                Map.of("ticketbridge.ensono.poison-attempts", "2"), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private long queueDepth() {
        return env.sqs.client().getQueueAttributes(b -> b.queueUrl(env.queueUrl).attributeNamesWithStrings(
                        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().mapToLong(Long::parseLong).sum();
    }

    @Test
    void aStopInTheMiddleOfABacklogThenARestartLosesNothingAndDuplicatesNothing() {
        List<String> numbers = new ArrayList<>();
        for (int t = 0; t < 15; t++) {
            String n = env.sim.agentCreate(Json.object().put("shortDescription", "backlog " + t));
            numbers.add(n);
            for (int k = 1; k <= 8; k++) {
                env.sim.agentNote(n, "note " + k, "Agent");
            }
        }
        long total = 15 * 9L;
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> env.messagesTaken() >= 20);
        env.rt.restart();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> env.messagesTaken() >= total && queueDepth() == 0);
        Hub hub = env.rt.hub();
        for (String n : numbers) {
            List<String> bodies = hub.jdbi.withHandle(h -> {
                String ticketId = hub.links.byRemoteNumber(h, env.integrationId, n).orElseThrow().ticketId();
                return hub.activity.comments(h, ticketId).stream().map(Comment::body).toList();
            });
            assertThat(bodies).as("comments of %s", n).containsExactly("note 1", "note 2", "note 3", "note 4",
                    "note 5", "note 6", "note 7", "note 8");
        }
        long tickets = hub.jdbi.withHandle(h -> h.createQuery("select count(*) from links where integration_id=:i")
                .bind("i", env.integrationId).mapTo(Long.class).one());
        assertThat(tickets).isEqualTo(15);
        assertThat(env.messagesTaken()).isEqualTo(total);
    }

    @Test
    void poisonMessagesAreParkedInOrderAndListedReplayedOrDiscardedThroughTheApi() {
        env.sim.publishRaw("e-BAD0001", "Update", false, "this is not json");
        String parkedPath = "/api/ensono/" + env.integrationId + "/parked";
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> env.api.get(parkedPath).json().path("total").asInt() == 1);
        env.sim.publishRaw("e-BAD0001", "Notes", true, "{\"ticketNumber\":\"e-BAD0001\",\"clientTicketNumber\":\"\","
                + "\"notes\":{\"type\":\"comment\",\"id\":\"n1\",\"body\":\"later\",\"commenter\":\"A\"}}");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> env.api.get(parkedPath + "/e-BAD0001").json().path("total").asInt() == 2);
        ApiClient.Response group = env.api.get(parkedPath + "/e-BAD0001");
        assertThat(group.json().path("items").get(0).path("transaction_type").asText("")
                + group.json().path("items").get(0).path("transactionType").asText("")).isEqualTo("Update");
        assertThat(env.api.get(parkedPath).json().path("items").get(0).path("messages").asInt()).isEqualTo(2);

        ApiClient.Response replay = env.api.post(parkedPath + "/e-BAD0001/replay", null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.json().path("error").asText()).isEqualTo("replay_failed");
        assertThat(env.api.get(parkedPath + "/e-BAD0001").json().path("total").asInt()).isEqualTo(2);

        ApiClient.Response discard = env.api.delete(parkedPath + "/e-BAD0001");
        assertThat(discard.status()).isEqualTo(200);
        assertThat(discard.json().path("discarded").asInt()).isEqualTo(2);
        assertThat(env.api.get(parkedPath).json().path("total").asInt()).isZero();
        assertThat(env.api.get(parkedPath + "/e-BAD0001").status()).isEqualTo(404);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queueDepth() == 0);
    }
}
