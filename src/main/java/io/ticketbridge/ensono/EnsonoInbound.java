package io.ticketbridge.ensono;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.ticketbridge.component.ensono.EnsonoClient;
import io.ticketbridge.component.support.ConnectorSupport;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.component.support.IntegrationDirectory;
import io.ticketbridge.model.Integration;
import io.ticketbridge.queue.BatchProcessor;
import io.ticketbridge.queue.HttpQueueTransport;
import io.ticketbridge.queue.ParkingStore;
import io.ticketbridge.queue.QueueMessage;
import io.ticketbridge.queue.QueueMonitor;
import io.ticketbridge.queue.QueueTransport;
import io.ticketbridge.queue.SqsQueueTransport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound side, driven by the {@code ensono-inbound} scheduler route: for every enabled Ensono
 * integration whose queue is due, one receive (up to 10 messages, long polling on SQS) through its
 * transport, then the batch processor. A non-empty receive makes the next one due at once (the route
 * is greedy), so a backlog drains without waiting for the interval; an empty one waits the interval.
 *
 * <p>Integration config: {@code queue_transport} (sqs, http or none; default sqs when
 * {@code queue_url} is set, else http), {@code queue_url}, {@code sqs_region}, {@code sqs_endpoint}
 * (endpoint override for a local server); credentials {@code aws_access_key_id} and
 * {@code aws_secret_access_key} (absent: the default AWS credential chain).
 */
public final class EnsonoInbound {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoInbound.class);
    public static final String POLLED = "CamelSchedulerPolledMessages";


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

    private static final class Poller {
        final Integration integration;
        final QueueTransport transport;
        final BatchProcessor processor;
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

    /** Scheduler entry point: one receive per due integration; the count drives the greedy scheduler. */
    public void poll(Exchange exchange) {
        int handled = 0;
        if (running && bridge.settings.inboundEnabled()) {
            List<Integration> all = bridge.allIntegrations();
            pollers.keySet().removeIf(id -> {
                boolean gone = all.stream().noneMatch(i -> i.id().equals(id) && i.enabled());
                if (gone) {
                    close(pollers.get(id));
                }
                return gone;
            });
            for (Integration i : all) {
                if (!running || !i.enabled() || "none".equals(transportKind(i))) {
                    continue;
                }
                Poller p = poller(i);
                if (p != null && System.currentTimeMillis() >= p.nextPollAt) {
                    handled += cycle(p, bridge.settings.waitSeconds());
                }
            }
        }
        if (exchange != null) {
            exchange.setProperty(POLLED, handled);
            exchange.getMessage().setBody(handled);
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
        return new BatchProcessor.Result(received, applied, skipped, duplicates, failed, parked, deleted,
                deleteFailures);
    }

    /**
     * {@code consumers} receive-apply-delete loops at once, each draining until its receive comes back
     * empty (or a time slice ends), so their queue round trips and store writes interleave instead of
     * running in lock step. FIFO never hands a group's messages to two receivers while any is in
     * flight, so concurrent receivers keep per-group order.
     */
    private int cycle(Poller p, int waitSeconds) {
        int consumers = bridge.settings.consumers();
        long sliceEnd = System.currentTimeMillis() + 10_000;
        int received = 0;
        if (consumers <= 1) {
            received = drainSlice(p, waitSeconds, sliceEnd);
        } else {
            List<java.util.concurrent.Future<Integer>> futures = new java.util.ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                futures.add(consumerPool.submit(() -> drainSlice(p, waitSeconds, sliceEnd)));
            }
            for (var f : futures) {
                try {
                    received += f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warn("Ensono consumer of integration {} failed: {}", p.integration.id(), e.getCause().toString());
                }
            }
        }
        p.nextPollAt = received > 0 ? 0 : System.currentTimeMillis() + bridge.settings.pollIntervalMillis();
        return received;
    }

    /** Receives and processes batches until a receive is empty or the slice is over. */
    private int drainSlice(Poller p, int waitSeconds, long sliceEnd) {
        int received = 0;
        while (running) {
            BatchProcessor.Result r = receiveAndProcess(p, waitSeconds);
            if (r == null || r.received() == 0) {
                break;
            }
            received += r.received();
            if (System.currentTimeMillis() >= sliceEnd) {
                break;
            }
        }
        return received;
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
            return null;
        }
        // depth and parked count cost a round trip each: at most once a second while draining
        long now = System.currentTimeMillis();
        boolean refresh = batch.isEmpty() || now - p.statsAt >= 1000;
        OptionalLong depth = refresh && "sqs".equals(p.transport.kind()) ? p.transport.depth() : OptionalLong.empty();
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
            close(p);
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
                new EnsonoInboundApplier(bridge, i),
                new BatchProcessor.Settings(s.poisonAttempts(), s.redriveLimit(), visibility), groupPool, timer,
                (m, outcome, note) -> {
                    monitor.count(i.id(), outcome);
                    if (!"applied".equals(outcome) && !"duplicate".equals(outcome)) {
                        bridge.hub.syncLogs.record(i.spaceId(), i.id(), null, "queue " + m.transactionType(), "in",
                                outcome, m.groupId() + " " + m.messageId() + ": " + note, null);
                    }
                });
    }

    private void close(Poller p) {
        if (p != null) {
            p.transport.close();
        }
    }

    public void stop() {
        running = false;
        pollers.values().forEach(this::close);
        pollers.clear();
        groupPool.shutdown();
        consumerPool.shutdown();
        timer.shutdownNow();
    }
}
