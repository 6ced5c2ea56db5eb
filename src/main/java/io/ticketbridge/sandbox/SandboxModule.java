package io.ticketbridge.sandbox;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Space;
import io.ticketbridge.config.Settings;
import io.ticketbridge.sandbox.ensono.EnsonoSimulator;
import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import io.ticketbridge.store.Hub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ensono part of the sandbox (default profile; prod refuses it): an embedded ElasticMQ with the
 * client's FIFO queue (failure queue after 20 receives, 30 s visibility), the Ensono bridge simulator
 * in front of it (REST endpoints, HTTP queue API, agent actions), and an integration "Ensono sandbox"
 * in the default space wired to both, so a fresh {@code java -jar} shows tickets going out and Ensono
 * updates coming back through the queue.
 */
public final class SandboxModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxModule.class);
    public static final String INTEGRATION_NAME = "Ensono sandbox";
    static final String CLIENT = "acme";
    static final String ENV = "dev";
    static final String API_KEY = "sandbox-api-key";

    private final EmbeddedSqs sqs;
    private final EnsonoSimulator simulator;

    private SandboxModule(EmbeddedSqs sqs, EnsonoSimulator simulator) {
        this.sqs = sqs;
        this.simulator = simulator;
    }

    public static SandboxModule start(Settings settings, Hub hub) {
        int sqsPort = settings.getInt("ticketbridge.sandbox.sqs-port", 9324);
        int ensonoPort = settings.getInt("ticketbridge.sandbox.ensono-port", 8089);
        String queueName = settings.get("ticketbridge.sandbox.queue-name", CLIENT + "-" + ENV + "-inbound.fifo");
        EmbeddedSqs sqs = EmbeddedSqs.start(sqsPort);
        String queueUrl;
        EnsonoSimulator sim;
        try {
            queueUrl = sqs.createFifoQueue(queueName, EmbeddedSqs.DEFAULT_VISIBILITY_SECONDS,
                    EmbeddedSqs.DEFAULT_MAX_RECEIVE_COUNT);
            sim = EnsonoSimulator.builder().clientName(CLIENT).env(ENV).apiKey(API_KEY)
                    .sqs(sqs.client(), queueUrl).port(ensonoPort).start();
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
        SandboxModule module = new SandboxModule(sqs, sim);
        Integration i = module.ensureIntegration(hub, queueUrl,
                settings.get("ticketbridge.sandbox.ensono-queue-transport", "sqs"));
        LOG.info("Sandbox: ElasticMQ at {} (queue {}), Ensono simulator at {} (x-api-key {}), integration {} ({})",
                sqs.endpoint(), queueUrl, sim.baseUrl(), API_KEY, i.id(), INTEGRATION_NAME);
        return module;
    }

    /** Creates the sandbox integration once; later starts point it at this run's ports. */
    private Integration ensureIntegration(Hub hub, String queueUrl, String transport) {
        return hub.jdbi.inTransaction(h -> {
            Space space = hub.spaces.ensureDefault(h);
            ObjectNode config = Json.object();
            config.put("client_name", CLIENT);
            config.put("queue_transport", transport);
            config.put("queue_url", queueUrl);
            config.put("sqs_region", "us-east-1");
            config.put("sqs_endpoint", sqs.endpoint());
            config.put("default_contact_email", "servicedesk@acme.example");
            config.put("timeout_ms", 10_000);
            Map<String, String> creds = Map.of("api_key", API_KEY, "aws_access_key_id", "x",
                    "aws_secret_access_key", "x");
            Optional<Integration> existing = hub.integrations.list(h, space.id(), "ensono").stream()
                    .filter(x -> INTEGRATION_NAME.equals(x.name())).findFirst();
            if (existing.isPresent()) {
                ObjectNode merged = existing.get().config() == null ? Json.object() : existing.get().config().deepCopy();
                merged.setAll(config);
                return hub.integrations.update(h, existing.get(), null, simulator.baseUrl(), merged, creds, null);
            }
            return hub.integrations.create(h, space.id(), "ensono", INTEGRATION_NAME, simulator.baseUrl(), config,
                    creds, true);
        });
    }

    public EmbeddedSqs sqs() {
        return sqs;
    }

    public EnsonoSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.close();
        sqs.close();
    }
}
