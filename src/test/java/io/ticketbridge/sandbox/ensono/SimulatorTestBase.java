package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One ElasticMQ per test class, a fresh FIFO queue and simulator per test. */
abstract class SimulatorTestBase {

    static final String CLIENT = "acme";
    static final String ENV = "dev";
    static final String API_KEY = "test-key-123";

    private static final AtomicInteger QUEUES = new AtomicInteger();
    static EmbeddedSqs sqs;

    EnsonoSimulator sim;
    BridgeHttp http;
    String queueUrl;

    @BeforeAll
    static void startSqs() {
        sqs = EmbeddedSqs.start(0);
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @BeforeEach
    void startSimulator() {
        queueUrl = sqs.createFifoQueue("acme-dev-" + QUEUES.incrementAndGet() + ".fifo");
        sim = configure(EnsonoSimulator.builder()
                .clientName(CLIENT).env(ENV).apiKey(API_KEY)
                .validGroups("Ensono Service Desk", "CS - 1st Line", "Client Generic")
                .sqs(sqs.client(), queueUrl)).start();
        http = new BridgeHttp(sim.baseUrl(), API_KEY);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    /** Hook for tests needing other options. */
    EnsonoSimulator.Builder configure(EnsonoSimulator.Builder builder) {
        return builder;
    }

    static String fixture(String name) {
        try (InputStream in = SimulatorTestBase.class.getResourceAsStream("/fixtures/ensono/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a ticket through the bridge API from the standard fixture and returns its Ensono number. */
    String createTicket() {
        JsonNode body = BridgeHttp.json(http.post("/tickets", fixture("create-incident.json")));
        return body.path("Response").asText();
    }
}
