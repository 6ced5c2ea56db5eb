package io.ticketbridge.sandbox.ensono;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A stateful stand-in for Ensono's ITSM bridge ("Envision Connect 2") for one client and environment,
 * serving real HTTP on 127.0.0.1 at {@code http://127.0.0.1:<port>/<client>/<env>}.
 *
 * <p>Client-to-Ensono calls ({@code /tickets...}) change simulated ServiceNow tickets; Ensono-to-client
 * traffic goes through the client's SQS FIFO queue, which the simulator both writes (agent actions) and
 * serves over the bridge's queue API ({@code GET /queue}, {@code DELETE /queue/{handle}}). The contract
 * follows section 9 of {@code external-apis.md}; see {@link BridgeErrors} for status codes and which error
 * texts are the simulator's own, {@link BridgeRouter} for gateway matching, {@link ReceiptHandles} for
 * receipt handle encoding, {@link AgentHttpApi} for the curl-able agent endpoints and
 * {@link PresignedStorage} for attachment URLs.
 *
 * <p>After a client create the simulator also publishes a {@code ReturnEnsonoNum} transaction (as the guide
 * lists it for client-created tickets); turn that off with {@link Builder#returnEnsonoNumOnCreate}.
 */
public final class EnsonoSimulator implements AutoCloseable {

    private final LoopbackHttpServer server;
    private final String serverUrl;
    private final String baseUrl;
    private final TicketStore store;
    private final TransactionPublisher publisher;
    private final PresignedStorage storage;
    private final EnsonoAgent agent;
    private final RequestJournal journal;
    private final FaultInjector faults = new FaultInjector();

    private EnsonoSimulator(Builder b) throws IOException {
        SimTime time = new SimTime(b.clock);
        server = new LoopbackHttpServer(b.port, b.threads);
        serverUrl = "http://127.0.0.1:" + server.port();
        baseUrl = serverUrl + "/" + b.clientName + "/" + b.env;
        store = new TicketStore();
        journal = new RequestJournal(b.journalLimit);
        publisher = new TransactionPublisher(b.sqs, b.queueUrl);
        storage = new PresignedStorage(time, serverUrl, this::recordUpload);
        PayloadRules rules = new PayloadRules(b.clientName, b.validGroups);
        agent = new EnsonoAgent(store, publisher, storage, time, b.clientName, rules.defaultGroup());
        TicketApi tickets = new TicketApi(rules, store, publisher, time, b.clientName, b.returnEnsonoNumOnCreate);
        BridgeRouter router = new BridgeRouter(b.clientName, b.env, b.apiKey, tickets, new QueueApi(b.sqs, b.queueUrl), storage);
        server.start(new SimHttpHandler(router, storage, new AgentHttpApi(agent, store), journal, faults, time));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>/<client>/<env>} - what a client configures as the bridge URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:<port>}, for the {@code /_sim/} controls. */
    public String serverUrl() {
        return serverUrl;
    }

    public int port() {
        return server.port();
    }

    public String queueUrl() {
        return publisher.queueUrl();
    }

    // ---- fault injection: applies to bridge API calls only (not /_sim/ controls or pre-signed URLs) ----

    /** The next {@code n} calls wait {@code delay} before being processed (and are processed). */
    public void delayNext(int n, Duration delay) {
        faults.delayNext(n, Objects.requireNonNull(delay, "delay"));
    }

    /** The next {@code n} calls get {@code status} and {@code body} and are not processed. */
    public void failNext(int n, int status, String body) {
        faults.failNext(n, status, body);
    }

    /** The next {@code n} calls have their connection closed without any response and are not processed. */
    public void resetConnectionNext(int n) {
        faults.resetConnectionNext(n);
    }

    /** The next {@code n} downloads of pre-signed attachment URLs wait {@code delay} (slow object storage). */
    public void delayNextDownloads(int n, Duration delay) {
        storage.delayNextDownloads(n, Objects.requireNonNull(delay, "delay"));
    }

    public void clearFaults() {
        faults.clear();
    }

    // ---- inspection ----

    /** Bridge API and pre-signed URL requests in arrival order (simulator controls are not recorded). */
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    public void clearRequests() {
        journal.clear();
    }

    /** A copy of the stored ticket in bridge field names, plus {@code comments}, {@code attachments}, contact fields. */
    public Optional<JsonNode> ticket(String number) {
        return store.snapshot(number);
    }

    public List<JsonNode> tickets() {
        return store.snapshots();
    }

    public int ticketCount() {
        return store.size();
    }

    /** Bytes a client uploaded through a pre-signed URL for this ticket. */
    public Optional<byte[]> uploadedAttachment(String ticketNumber, String fileName) {
        return storage.get(Tickets.uploadKey(ticketNumber, fileName)).map(o -> o.content().clone());
    }

    // ---- Ensono-side actions, each published to the queue (group = ticket number). On an unknown ticket
    // they throw NoSuchElementException; on a closed one (read-only in ServiceNow) IllegalStateException ----

    /** New Ensono-raised ticket; {@code fields} (may be null) override the defaults. Returns its number. */
    public String agentCreate(ObjectNode fields) {
        return agent.create(fields);
    }

    public void agentUpdate(String number, ObjectNode changed) {
        agent.update(number, Objects.requireNonNull(changed, "changed"));
    }

    public void agentNote(String number, String body, String commenter) {
        agent.note(number, body, commenter);
    }

    public void agentResolve(String number, String closeNotes) {
        agent.resolve(number, closeNotes);
    }

    public void agentClose(String number, String closeNotes, String closeCode) {
        agent.close(number, closeNotes, closeCode);
    }

    public void agentReopen(String number) {
        agent.reopen(number);
    }

    /** An Approval Request for a Change; returns the approvalId the client's answer must name. */
    public String agentRequestApproval(String number, String approverName, String approverEmail) {
        return agent.requestApproval(number, approverName, approverEmail);
    }

    public void agentRedraft(String number) {
        agent.redraft(number);
    }

    public void agentAttach(String number, String fileName, String contentType, byte[] content) {
        agent.attach(number, fileName, contentType, content);
    }

    // ---- raw publishing for benchmarks: no ticket state involved ----

    public void publishRaw(String groupId, String transactionType, boolean clientRefAvailable, String bodyJson) {
        publisher.publish(new RawTransaction(groupId, transactionType, clientRefAvailable, bodyJson));
    }

    /** SendMessageBatch in chunks of ten. */
    public void publishRawBatch(List<RawTransaction> transactions) {
        publisher.publishBatch(transactions);
    }

    /** Stops HTTP serving; the SQS client and queue belong to the caller and are left alone. */
    @Override
    public void close() {
        server.stop();
    }

    private void recordUpload(String key, PresignedStorage.StoredObject object) {
        Tickets.uploadTicket(key).ifPresent(parts -> store.withTicket(parts[0], ticket -> {
            Tickets.addAttachment(ticket, parts[1], object.contentType(), object.content().length, "client");
            return Boolean.TRUE;
        }));
    }

    /** Options; {@link #sqs} is required, everything else has sandbox defaults. */
    public static final class Builder {
        private String clientName = "acme";
        private String env = "dev";
        private String apiKey = "sandbox-api-key";
        private List<String> validGroups = List.of("Ensono Service Desk", "CS - 1st Line", "Client Generic");
        private SqsClient sqs;
        private String queueUrl;
        private int port;
        private Clock clock = Clock.systemUTC();
        private int threads = 16;
        private boolean returnEnsonoNumOnCreate = true;
        private int journalLimit = 100_000;

        private Builder() {
        }

        public Builder clientName(String clientName) {
            this.clientName = requireSegment(clientName);
            return this;
        }

        /** One of dev, echo, cert, prod (the simulator does not emulate echo's loop-back). */
        public Builder env(String env) {
            if (!List.of("dev", "echo", "cert", "prod").contains(env)) {
                throw new IllegalArgumentException("env must be dev, echo, cert or prod: " + env);
            }
            this.env = env;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** Assignment groups Ensono's ServiceNow knows; the first is used when a create names none. */
        public Builder validGroups(String... groups) {
            if (groups.length == 0) {
                throw new IllegalArgumentException("at least one group");
            }
            this.validGroups = List.of(groups);
            return this;
        }

        /** The client's inbound FIFO queue: the simulator publishes to it and serves it over {@code /queue}. */
        public Builder sqs(SqsClient sqs, String queueUrl) {
            this.sqs = Objects.requireNonNull(sqs, "sqs");
            this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
            return this;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Drives timestamps and pre-signed URL expiry. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder threads(int threads) {
            this.threads = Math.max(1, threads);
            return this;
        }

        public Builder returnEnsonoNumOnCreate(boolean enabled) {
            this.returnEnsonoNumOnCreate = enabled;
            return this;
        }

        /** Requests kept in the journal (oldest dropped); 0 disables journaling for benchmarks. */
        public Builder journalLimit(int limit) {
            this.journalLimit = Math.max(0, limit);
            return this;
        }

        public EnsonoSimulator start() {
            if (sqs == null) {
                throw new IllegalStateException("sqs(client, queueUrl) is required");
            }
            try {
                return new EnsonoSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
            }
        }

        private static String requireSegment(String value) {
            if (value == null || value.isEmpty() || value.contains("/")) {
                throw new IllegalArgumentException("not a path segment: " + value);
            }
            return value;
        }
    }
}
