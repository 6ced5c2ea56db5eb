package io.ticketbridge.ensono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.ensono.EnsonoSimulator;
import io.ticketbridge.sandbox.ensono.RecordedRequest;
import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * One real ElasticMQ (loopback), one Ensono simulator (real HTTP) and one TicketBridge runtime with an
 * Ensono integration pointing at both: the world of a bridge test class.
 */
public final class EnsonoTestSupport implements AutoCloseable {

    public static final String API_KEY = "test-ensono-key-7f3a9c";

    public final EmbeddedSqs sqs;
    public final String queueUrl;
    public final EnsonoSimulator sim;
    public final TestRuntime rt;
    public final ApiClient api;
    public final String integrationId;

    public EnsonoTestSupport(String queueName, int visibilitySeconds, String transport, boolean returnEnsonoNum,
                             Map<String, String> overrides, Map<String, Object> extraConfig) {
        sqs = EmbeddedSqs.start(0);
        queueUrl = sqs.createFifoQueue(queueName, visibilitySeconds, EmbeddedSqs.DEFAULT_MAX_RECEIVE_COUNT);
        sim = EnsonoSimulator.builder().clientName("acme").env("dev").apiKey(API_KEY)
                .validGroups("Ensono Service Desk", "CS - 1st Line", "Client Generic")
                .returnEnsonoNumOnCreate(returnEnsonoNum).sqs(sqs.client(), queueUrl).start();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ticketbridge.ensono.poll-interval-override-ms", "200");
        props.put("ticketbridge.ensono.scheduler-tick-ms", "100");
        props.put("ticketbridge.ensono.sqs.wait-seconds", "0");
        props.put("ticketbridge.ensono.visibility-seconds", String.valueOf(visibilitySeconds));
        props.put("ticketbridge.ensono.timeout-resend-min-seconds", "1");
        props.put("ticketbridge.ensono.timeout-resend-max-seconds", "2");
        props.put("ticketbridge.jobs.retry.initial-delay-ms", "200");
        props.putAll(overrides);
        rt = TestRuntime.start(props);
        api = rt.admin();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("client_name", "acme");
        config.put("queue_transport", transport);
        config.put("queue_url", queueUrl);
        config.put("sqs_endpoint", sqs.endpoint());
        config.put("sqs_region", "us-east-1");
        config.put("timeout_ms", 2000);
        config.put("default_contact_email", "desk@acme.example");
        config.putAll(extraConfig);
        ApiClient.Response r = api.post("/api/integrations", Map.of("platform", "ensono", "name", "Ensono " + queueName,
                "base_url", sim.baseUrl(), "credentials", Map.of("api_key", API_KEY, "aws_access_key_id", "x",
                        "aws_secret_access_key", "x"), "config", config));
        if (r.status() != 201) {
            throw new IllegalStateException("integration not created: " + r);
        }
        integrationId = r.json().path("id").asText();
    }

    /**
     * How many messages of the integration's queue were applied or skipped, once each: the sum over its message
     * groups' marks (an applied message has no inbox row of its own).
     */
    public static long messagesTaken(io.ticketbridge.store.Hub hub, String integrationId) {
        return hub.jdbi.withHandle(h -> h.createQuery("select coalesce(sum(applied), 0) from queue_marks"
                + " where source=:src").bind("src", io.ticketbridge.store.InboxStore.queueSource(integrationId)).mapTo(Long.class).one());
    }

    public long messagesTaken() {
        return messagesTaken(rt.hub(), integrationId);
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
    }

    /** Creates a hub ticket through the API; returns its JSON. */
    public JsonNode createTicket(Map<String, Object> fields) {
        ApiClient.Response r = api.post("/api/tickets", fields);
        if (r.status() != 201) {
            throw new IllegalStateException("ticket not created: " + r);
        }
        return r.json();
    }

    public JsonNode ticket(String id) {
        return api.get("/api/tickets/" + id).json();
    }

    /** Bridge requests whose path ends with the suffix (e.g. "/tickets"), with this method. */
    public List<RecordedRequest> requests(String method, String pathSuffix) {
        return sim.requests().stream().filter(q -> q.method().equals(method) && q.path().endsWith(pathSuffix)).toList();
    }

    public List<RecordedRequest> ticketRequests(String method) {
        return sim.requests().stream().filter(q -> q.method().equals(method) && q.path().contains("/tickets")).toList();
    }

    /** The Ensono ticket created for one of our tickets. */
    public JsonNode simTicketFor(String clientTicketNumber) {
        return sim.tickets().stream().filter(t -> clientTicketNumber.equals(t.path("clientTicketNumber").asText()))
                .findFirst().orElse(null);
    }

    public long simTicketsFor(String clientTicketNumber) {
        return sim.tickets().stream().filter(t -> clientTicketNumber.equals(t.path("clientTicketNumber").asText()))
                .count();
    }

    public String linkNumber(String ticketId) {
        return rt.hub().jdbi.withHandle(h -> rt.hub().links.byTicket(h, integrationId, ticketId))
                .map(l -> l.remoteNumber()).orElse(null);
    }

    public JsonNode json(Object o) {
        return Json.toNode(o);
    }

    @Override
    public void close() {
        rt.close();
        sim.close();
        sqs.close();
    }
}
