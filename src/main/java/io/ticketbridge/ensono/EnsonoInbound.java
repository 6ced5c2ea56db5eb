package io.ticketbridge.ensono;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.ticketbridge.component.ensono.EnsonoClient;
import io.ticketbridge.component.support.ConnectorSupport;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.component.support.IntegrationDirectory;
import io.ticketbridge.model.Integration;
import io.ticketbridge.queue.BatchProcessor;
import io.ticketbridge.queue.HttpQueueTransport;
import io.ticketbridge.store.ParkingStore;
import io.ticketbridge.model.QueueMessage;
import io.ticketbridge.queue.QueueMonitor;
import io.ticketbridge.queue.QueueTransport;
import io.ticketbridge.queue.SqsQueueTransport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound side, kept going by the {@code ensono-inbound} scheduler route: every tick makes sure each
 * enabled Ensono integration whose queue is due has its {@code consumers} receive-apply-delete loops
 * running. Each loop receives (up to 10 messages, long polling on SQS) through the integration's
 * transport, hands the batch to the batch processor, and goes on at once while the queue yields
 * messages; an empty receive ends the loop and makes the queue due again after the poll interval.
 * Loops of one integration run independently (FIFO never hands a group to two receivers while any of
 * its messages is in flight, so per-group order holds), and a long poll of one integration never
 * holds up another.
 *
 * <p>Integration config: {@code queue_transport} (sqs, http or none; default sqs when
 * {@code queue_url} is set, else http), {@code queue_url}, {@code sqs_region}, {@code sqs_endpoint}
 * (endpoint override for a local server); credentials {@code aws_access_key_id} and
 * {@code aws_secret_access_key} (absent: the default AWS credential chain).
 */
public final class EnsonoInbound {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoInbound.class);


    private final CamelContext context;
    private final EnsonoBridge bridge;
    private final DeskHttpClient http;
    private final IntegrationDirectory directory;
    private final ParkingStore parking;
    private final QueueMonitor monitor;
    private final ExecutorService groupPool;
    private final ScheduledExecutorService timer;
    private final ExecutorService consumerPool;
    private final Map<String, Poller> pollers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    /** Batches received and being applied right now: shutdown lets them finish before it closes the queues. */
    private final AtomicInteger processing = new AtomicInteger();

    private static final class Poller {
        final Integration integration;
        final QueueTransport transport;
        final BatchProcessor processor;
        final AtomicInteger active = new AtomicInteger();
        /** The last receive brought messages: keep every loop running. */
        volatile boolean draining;
        /** Replaced or removed: loops stop after their batch; the last one out closes the transport. */
        volatile boolean retired;
        volatile long nextPollAt;
        volatile long statsAt;
        volatile long parked;

        Poller(Integration integration, QueueTransport transport, BatchProcessor processor) {
            this.integration = integration;
            this.transport = transport;
            this.processor = processor;
        }
    }

    public EnsonoInbound(CamelContext context, EnsonoBridge bridge, DeskHttpClient http, IntegrationDirectory directory,
                         ParkingStore parking, QueueMonitor monitor) {
        this.context = context;
        this.bridge = bridge;
        this.http = http;
        this.directory = directory;
        this.parking = parking;
        this.monitor = monitor;
        int parallel = bridge.settings.groupParallelism();
        this.groupPool = Executors.newFixedThreadPool(parallel, daemon("ensono-group"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ensono-visibility"));
        this.consumerPool = Executors.newCachedThreadPool(daemon("ensono-consumer"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public ParkingStore parking() {
        return parking;
    }

    public QueueMonitor monitor() {
        return monitor;
    }

    /** Scheduler entry point: starts the missing receive loops of every due integration; returns how many. */
    public void poll(Exchange exchange) {
        int started = 0;
        if (running && bridge.settings.inboundEnabled()) {
            List<Integration> all = bridge.allIntegrations();
            pollers.keySet().removeIf(id -> {
                boolean gone = all.stream().noneMatch(i -> i.id().equals(id) && i.enabled()
                        && !"none".equals(transportKind(i)));
                if (gone) {
                    retire(pollers.get(id));
                }
                return gone;
            });
            for (Integration i : all) {
                if (!running || !i.enabled() || "none".equals(transportKind(i))) {
                    continue;
                }
                Poller p = poller(i);
                if (p != null && (p.draining || System.currentTimeMillis() >= p.nextPollAt)) {
                    started += topUp(p);
                }
            }
        }
        if (exchange != null) {
            exchange.getMessage().setBody(started);
        }
    }

    /** Starts receive loops until the integration has {@code consumers} of them. */
    private int topUp(Poller p) {
        int want = bridge.settings.consumers();
        int started = 0;
        while (running && !p.retired) {
            int active = p.active.get();
            if (active >= want) {
                break;
            }
            if (p.active.compareAndSet(active, active + 1)) {
                try {
                    consumerPool.execute(() -> consume(p));
                    started++;
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    p.active.decrementAndGet();
                    break;
                }
            }
        }
        return started;
    }

    /** One receive loop: goes on while the queue yields messages. */
    private void consume(Poller p) {
        try {
            while (running && !p.retired) {
                BatchProcessor.Result r = receiveAndProcess(p, bridge.settings.waitSeconds());
                if (r == null || r.received() == 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Ensono receive loop of integration {} stopped: {}", p.integration.id(), e.toString());
            p.draining = false;
            p.nextPollAt = System.currentTimeMillis() + bridge.settings.pollIntervalMillis();
        } finally {
            if (p.active.decrementAndGet() == 0 && p.retired) {
                close(p);
            }
        }
    }

    /** Polls one integration now until its queue answers empty (bounded): the API's "poll now". */
    public BatchProcessor.Result pollNow(String integrationId, int maxBatches) {
        Integration i = bridge.integration(integrationId).orElseThrow();
        Poller p = poller(i);
        if (p == null) {
            throw new IllegalStateException("integration " + integrationId + " has no inbound queue configured");
        }
        int received = 0;
        int applied = 0;
        int skipped = 0;
        int duplicates = 0;
        int failed = 0;
        int parked = 0;
        int deleted = 0;
        int deleteFailures = 0;
        // counted like a receive loop, so a poller replaced meanwhile keeps its transport until this is done
        p.active.incrementAndGet();
        try {
            for (int n = 0; n < maxBatches; n++) {
                BatchProcessor.Result r = receiveAndProcess(p, 0);
                if (r == null || r.received() == 0) {
                    break;
                }
                received += r.received();
                applied += r.applied();
                skipped += r.skipped();
                duplicates += r.duplicates();
                failed += r.failed();
                parked += r.parked();
                deleted += r.deleted();
                deleteFailures += r.deleteFailures();
            }
        } finally {
            if (p.active.decrementAndGet() == 0 && p.retired) {
                close(p);
            }
        }
        return new BatchProcessor.Result(received, applied, skipped, duplicates, failed, parked, deleted,
                deleteFailures);
    }

    private BatchProcessor.Result receiveAndProcess(Poller p, int waitSeconds) {
        String id = p.integration.id();
        List<QueueMessage> batch;
        try {
            batch = p.transport.receive(bridge.settings.maxMessages(), waitSeconds);
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!running) {
                // shutting down: the transport was closed under a long poll
                LOG.debug("Receive interrupted by shutdown: {}", error);
                return null;
            }
            monitor.failed(id, error);
            LOG.warn("Reading the Ensono queue of integration {} ({}) failed: {}", id, p.transport.kind(), error);
            p.draining = false;
            p.nextPollAt = System.currentTimeMillis() + bridge.settings.pollIntervalMillis();
            return null;
        }
        // counted from here, so shutdown waits for this batch (or finds it refused) before the store closes
        processing.incrementAndGet();
        try {
            if (!running) {
                // shutting down: nothing of this batch is applied or deleted; the queue hands it out again
                return null;
            }
            p.draining = !batch.isEmpty();
            if (batch.isEmpty()) {
                p.nextPollAt = System.currentTimeMillis() + bridge.settings.pollIntervalMillis();
            }
            // depth and parked count cost a round trip each: at most once a second while draining
            long now = System.currentTimeMillis();
            boolean refresh = batch.isEmpty() || now - p.statsAt >= 1000;
            OptionalLong depth = refresh && "sqs".equals(p.transport.kind()) ? p.transport.depth()
                    : OptionalLong.empty();
            if (refresh) {
                p.statsAt = now;
                p.parked = parking.count(id);
            }
            monitor.received(id, p.integration.spaceId(), p.transport.kind(), batch, depth, p.parked);
            if (batch.isEmpty()) {
                monitor.cycleRead(id, 0);
                return BatchProcessor.Result.EMPTY;
            }
            BatchProcessor.Result r = p.processor.process(batch, p.transport);
            if (r.received() > 0) {
                LOG.debug("Ensono queue {}: {}", id, r);
            }
            return r;
        } finally {
            processing.decrementAndGet();
        }
    }

    /** The processor of an integration (also for replaying parked groups without a reachable queue). */
    public Optional<BatchProcessor> processor(String integrationId) {
        Optional<Integration> i = bridge.integration(integrationId);
        if (i.isEmpty()) {
            return Optional.empty();
        }
        Poller p = pollers.get(integrationId);
        return Optional.of(p != null ? p.processor : newProcessor(i.get(), 0));
    }

    private synchronized Poller poller(Integration i) {
        Poller p = pollers.get(i.id());
        if (p != null && p.integration.updatedAt().equals(i.updatedAt())) {
            return p;
        }
        if (p != null) {
            retire(p);
            pollers.remove(i.id());
        }
        try {
            QueueTransport transport = transport(i);
            Poller fresh = new Poller(i, transport, newProcessor(i, "sqs".equals(transport.kind())
                    ? bridge.settings.visibilitySeconds() : 0));
            pollers.put(i.id(), fresh);
            LOG.info("Ensono integration {} reads its queue over {}", i.id(), transport.kind());
            return fresh;
        } catch (RuntimeException e) {
            monitor.failed(i.id(), e.getMessage());
            LOG.warn("Cannot open the Ensono queue of integration {}: {}", i.id(), e.getMessage());
            return null;
        }
    }

    static String transportKind(Integration i) {
        String url = i.configText("queue_url", null);
        return i.configText("queue_transport", url != null && !url.isBlank() ? "sqs" : "http");
    }

    private QueueTransport transport(Integration i) {
        Map<String, String> creds = directory.credentials(i);
        String kind = transportKind(i);
        return switch (kind) {
            case "sqs" -> new SqsQueueTransport(context, new SqsQueueTransport.Options(
                    i.configText("queue_url", null), i.configText("sqs_region", "us-east-1"),
                    i.configText("sqs_endpoint", null), creds.get("aws_access_key_id"),
                    creds.get("aws_secret_access_key")));
            case "http" -> new HttpQueueTransport(new EnsonoClient(http, i, creds,
                    ConnectorSupport.timeout(i, 30_000), new EnsonoClient.TimeoutRule(60, 120)));
            default -> throw new IllegalArgumentException("queue_transport must be sqs, http or none, got " + kind);
        };
    }

    private BatchProcessor newProcessor(Integration i, int visibility) {
        EnsonoSettings s = bridge.settings;
        return new BatchProcessor(bridge.hub.jdbi, bridge.hub.inbox, parking, i.id(), i.spaceId(),
                new EnsonoInboundApplier(bridge, i, url -> new EnsonoClient(http, i, directory.credentials(i),
                        ConnectorSupport.timeout(i, 30_000), new EnsonoClient.TimeoutRule(60, 120))
                        .downloadAttachment(url, s.attachmentMaxBytes())),
                new BatchProcessor.Settings(s.poisonAttempts(), s.redriveLimit(), visibility), groupPool, timer,
                (m, outcome, note) -> {
                    monitor.count(i.id(), outcome);
                    if (!"applied".equals(outcome) && !"duplicate".equals(outcome)) {
                        bridge.hub.syncLogs.record(i.spaceId(), i.id(), null, "queue " + m.transactionType(), "in",
                                outcome, m.groupId() + " " + m.messageId() + ": " + note, null);
                    }
                }, bridge.hub.database.batchWriteLock());
    }

    /** Stops a poller's loops after their batch; the transport closes when the last one is out. */
    private void retire(Poller p) {
        if (p == null) {
            return;
        }
        p.retired = true;
        if (p.active.get() == 0) {
            close(p);
        }
    }

    private void close(Poller p) {
        if (p != null) {
            p.transport.close();
        }
    }

    public void stop() {
        running = false;
        // batches in hand finish (applied and deleted); loops waiting in a long poll are cut short below
        long deadline = System.currentTimeMillis() + 30_000;
        while (processing.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pollers.values().forEach(this::close);
        pollers.clear();
        groupPool.shutdown();
        consumerPool.shutdown();
        timer.shutdownNow();
    }
}
