package io.ticketbridge.sandbox.ensono;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.connector.ConnectorSandbox;
import io.ticketbridge.connector.SandboxContext;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ensono part of the sandbox (default profile; prod refuses it): an embedded ElasticMQ with the
 * client's FIFO queue (failure queue after 20 receives, 30 s visibility), the Ensono bridge simulator
 * in front of it (REST endpoints, HTTP queue API, agent actions), and an integration "Ensono sandbox"
 * in the default space wired to both, so a fresh {@code java -jar} shows tickets going out and Ensono
 * updates coming back through the queue. Ports: ticketbridge.sandbox.sqs-port, .ensono-port.
 */
public final class EnsonoSandbox implements ConnectorSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoSandbox.class);
    public static final String INTEGRATION_NAME = "Ensono sandbox";
    static final String CLIENT = "acme";
    static final String ENV = "dev";
    static final String API_KEY = "sandbox-api-key";

    @Override
    public String key() {
        return "ensono";
    }

    @Override
    public String title() {
        return "Ensono bridge simulator and ElasticMQ";
    }

    @Override
    public AutoCloseable start(SandboxContext ctx) {
        int sqsPort = ctx.settingInt("ticketbridge.sandbox.sqs-port", 9324);
        int ensonoPort = ctx.settingInt("ticketbridge.sandbox.ensono-port", 8089);
        String queueName = ctx.setting("ticketbridge.sandbox.queue-name", CLIENT + "-" + ENV + "-inbound.fifo");
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
        ObjectNode config = Json.object();
        config.put("client_name", CLIENT);
        config.put("queue_transport", ctx.setting("ticketbridge.sandbox.ensono-queue-transport", "sqs"));
        config.put("queue_url", queueUrl);
        config.put("sqs_region", "us-east-1");
        config.put("sqs_endpoint", sqs.endpoint());
        config.put("default_contact_email", "servicedesk@acme.example");
        config.put("timeout_ms", 10_000);
        String id = ctx.ensureIntegration("ensono", INTEGRATION_NAME, sim.baseUrl(), config,
                Map.of("api_key", API_KEY, "aws_access_key_id", "x", "aws_secret_access_key", "x"));
        LOG.info("Sandbox: ElasticMQ at {} (queue {}), Ensono simulator at {} (x-api-key {}), integration {} ({})",
                sqs.endpoint(), queueUrl, sim.baseUrl(), API_KEY, id, INTEGRATION_NAME);
        return () -> {
            sim.close();
            sqs.close();
        };
    }
}
