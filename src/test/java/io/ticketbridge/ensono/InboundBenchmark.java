package io.ticketbridge.ensono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ticketbridge.model.Comment;
import io.ticketbridge.sandbox.ensono.EnsonoSimulator;
import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import io.ticketbridge.store.Hub;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Inbound throughput, not a timed test (surefire skips *Benchmark by default). Run with
 * {@code mvn -B test -Dtest=InboundBenchmark} (optionally -Dbench.messages=20000 -Dbench.groups=500,
 * -Dbench.rounds=12, -Dbench.consumers / -Dbench.parallel for the receiver and group parallelism,
 * -Dbench.db-url for another store).
 *
 * <p>Each round drains a fresh backlog of N messages over G groups (one Ensono Create then Notes per
 * group) from an embedded ElasticMQ twice, against the same server: once with a bare AWS SDK receive(10)
 * + DeleteMessageBatch loop, once through the whole inbound path of a running TicketBridge (receive loop,
 * group, order, apply to the hub store, delete). Every round prints both rates, their ratio, the order
 * violations, lost and duplicated counts read back from the hub store, and the CPU, JIT and GC each side
 * spent. Rounds repeat because a fresh JVM on two cores is still compiling (the JIT's single C2 thread
 * has a backlog of thousands of methods for a minute or more after start): the later rounds are the steady
 * state a running bridge works in, and the earlier ones are printed too. The summary ends with the medians of
 * the later half of the rounds: a phase lasts seconds on a shared two-core machine, and one round's ratio
 * swings by a fifth or more.
 */
class InboundBenchmark {

    record Phase(double rate, double seconds, long threadCpu, long processCpu, long jitMillis, long gcCount,
                 long gcMillis, Map<String, Long> byThread) {
    }

    @Test
    void drainBacklog() {
        System.out.println(io.ticketbridge.testing.ProductionJvm.assertionsOff());
        int total = Integer.getInteger("bench.messages", 20_000);
        int groups = Integer.getInteger("bench.groups", 500);
        int rounds = Math.max(1, Integer.getInteger("bench.rounds", 12));
        int perGroup = total / groups;
        int expected = groups * perGroup;
        List<String> summary = new ArrayList<>();
        List<double[]> rates = new ArrayList<>();
        // started before anything runs: starting JFR later re-instruments classes and recompiles the hot code
        jdk.jfr.Recording recording = startRecording();
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0);
             // the simulator's own queue API is not used here: each round's integration reads its queue over SQS
             EnsonoSimulator sim = EnsonoSimulator.builder().clientName("acme").apiKey("k")
                     .sqs(sqs.client(), sqs.createFifoQueue("bench-simulator.fifo")).journalLimit(0).start();
             TestRuntime rt = TestRuntime.start(Map.of(
                     "ticketbridge.ensono.poll-interval-override-ms", "100",
                     "ticketbridge.ensono.scheduler-tick-ms", "50",
                     // the production default: long polling (20 s)
                     "ticketbridge.ensono.sqs.wait-seconds", System.getProperty("bench.wait-seconds", "20"),
                     "ticketbridge.jobs.poll-interval-ms", "3600000",
                     "camel.main.shutdown-timeout", "5",
                     // investigation knob only; the documented figures use the default store
                     "ticketbridge.db.url", System.getProperty("bench.db-url", ""),
                     // the production defaults unless asked otherwise
                     "ticketbridge.ensono.consumers", System.getProperty("bench.consumers", ""),
                     "ticketbridge.ensono.group-parallelism", System.getProperty("bench.parallel", "")))) {
            ApiClient api = rt.admin();
            Hub hub = rt.hub();
            for (int round = 1; round <= rounds; round++) {
                String prefix = "r" + round + "-BN";
                String bareQueue = sqs.createFifoQueue("bench-bare-" + round + ".fifo");
                String bridgeQueue = sqs.createFifoQueue("bench-bridge-" + round + ".fifo");
                long t0 = System.nanoTime();
                publish(sqs.client(), bareQueue, groups, perGroup, prefix);
                publish(sqs.client(), bridgeQueue, groups, perGroup, prefix);
                System.out.printf("round %d: published 2 x %d messages over %d groups in %.1f s%n", round, expected,
                        groups, (System.nanoTime() - t0) / 1e9);

                Phase bare = measure(() -> bareLoop(sqs.client(), bareQueue, expected), expected);

                long ticketsBefore = count(hub, "select count(*) from tickets");
                String[] integrationId = new String[1];
                long phaseStart = System.currentTimeMillis();
                Phase bridge = measure(() -> {
                    long start = System.nanoTime();
                    integrationId[0] = createIntegration(api, sim, sqs, bridgeQueue, "bench-" + prefix);
                    // cheap check first (queue empty), the store count only then: the watcher must not load the run
                    Awaitility.await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(250))
                            .until(() -> depth(sqs.client(), bridgeQueue) == 0
                                    && applied(hub, integrationId[0]) >= expected);
                    return expected / ((System.nanoTime() - start) / 1e9);
                }, expected);
                if (recording != null && round == rounds) {
                    System.out.printf("JFR window of the last bridge phase (epoch ms): %d %d%n", phaseStart,
                            System.currentTimeMillis());
                }
                // stop polling this round's queue; its tickets stay, counted apart
                api.put("/api/integrations/" + integrationId[0], Map.of("enabled", false));
                int[] check = verify(hub, integrationId[0], groups, perGroup, ticketsBefore, prefix);

                System.out.println();
                System.out.printf("=== Ensono inbound benchmark, round %d of %d: %d messages, %d groups ===%n", round,
                        rounds, expected, groups);
                System.out.printf("bare SDK receive(10)+delete-batch: %8.0f msg/s (%.1f s)%n", bare.rate(),
                        bare.seconds());
                System.out.printf("bridge (receive, group, order, apply, delete): %8.0f msg/s (%.1f s)%n",
                        bridge.rate(), bridge.seconds());
                System.out.printf("ratio bridge/bare: %.2f (target >= 0.60)%n", bridge.rate() / bare.rate());
                System.out.printf("CPU per message, Java threads (server included): bare %.3f ms, bridge %.3f ms%n",
                        bare.threadCpu() / 1e6 / expected, bridge.threadCpu() / 1e6 / expected);
                System.out.printf("CPU per message, whole process (JIT and GC included): bare %.3f ms, bridge %.3f ms%n",
                        bare.processCpu() / 1e6 / expected, bridge.processCpu() / 1e6 / expected);
                System.out.printf("JIT compiling: bare %d ms, bridge %d ms; GC: bare %d collections %d ms paused,"
                                + " bridge %d collections %d ms paused%n", bare.jitMillis(), bridge.jitMillis(),
                        bare.gcCount(), bare.gcMillis(), bridge.gcCount(), bridge.gcMillis());
                bare.byThread().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .limit(3).forEach(e -> System.out.printf("  bare CPU   %-50s %6.2f s%n", e.getKey(),
                                e.getValue() / 1e9));
                bridge.byThread().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .limit(6).forEach(e -> System.out.printf("  bridge CPU %-50s %6.2f s%n", e.getKey(),
                                e.getValue() / 1e9));
                System.out.printf("order violations: %d, lost: %d, duplicated: %d%n", check[0], check[1], check[2]);
                double storeMb = storeFileBytes(rt) / 1e6;
                System.out.printf("store file: %.0f MB%n", storeMb);
                summary.add(String.format("round %d: bare %6.0f msg/s, bridge %6.0f msg/s, ratio %.2f, JIT %5d/%5d ms,"
                                + " violations/lost/duplicated %d/%d/%d, store file %.0f MB", round, bare.rate(),
                        bridge.rate(), bridge.rate() / bare.rate(), bare.jitMillis(), bridge.jitMillis(), check[0],
                        check[1], check[2], storeMb));
                rates.add(new double[] {bare.rate(), bridge.rate(), bridge.rate() / bare.rate()});
            }
        }
        stopRecording(recording);
        System.out.println();
        System.out.println("=== Ensono inbound benchmark summary (the later rounds are the steady state) ===");
        summary.forEach(System.out::println);
        // each phase lasts seconds on a shared 2-core machine: one round's ratio swings, the later half's median less
        List<double[]> later = rates.subList(rates.size() / 2, rates.size());
        System.out.printf("rounds %d-%d (after warm-up): median bare %.0f msg/s, median bridge %.0f msg/s,"
                        + " median ratio %.2f (target >= 0.60)%n", rates.size() / 2 + 1, rates.size(),
                median(later, 0), median(later, 1), median(later, 2));
    }

    static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The embedded store's file size (0 on another store). */
    static long storeFileBytes(TestRuntime rt) {
        try {
            java.nio.file.Path f = rt.dataDir().resolve("ticketbridge.mv.db");
            return java.nio.file.Files.exists(f) ? java.nio.file.Files.size(f) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Runs one drain and what it cost: thread CPU, process CPU, JIT compile time and GC. */
    static Phase measure(java.util.function.DoubleSupplier drain, int messages) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        Map<String, Long> cpu0 = threadCpu();
        long proc0 = processCpu();
        long jit0 = jit.getTotalCompilationTime();
        long[] gc0 = gc();
        long start = System.nanoTime();
        double rate = drain.getAsDouble();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> cpu1 = threadCpu();
        long proc = processCpu() - proc0;
        long jitMillis = jit.getTotalCompilationTime() - jit0;
        long[] gc1 = gc();
        long threads = totalCpu(cpu0, cpu1);
        cpu1.replaceAll((k, v) -> v - cpu0.getOrDefault(k, 0L));
        return new Phase(rate, seconds, threads, proc, jitMillis, gc1[0] - gc0[0], gc1[1] - gc0[1], cpu1);
    }

    /**
     * Investigation knob: -Dbench.jfr=file.jfr records execution and allocation samples of the whole run and
     * prints the time window of the last round's bridge phase (with the JIT's compilations and deoptimizations).
     */
    static jdk.jfr.Recording startRecording() {
        String file = System.getProperty("bench.jfr", "");
        if (file.isBlank()) {
            return null;
        }
        try {
            jdk.jfr.Recording r = new jdk.jfr.Recording();
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "150/s");
            // what the JIT compiles (and throws away) while the bridge runs
            r.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            r.enable("jdk.Deoptimization").withStackTrace();
            r.setDestination(java.nio.file.Path.of(file));
            r.setToDisk(true);
            r.start();
            return r;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void stopRecording(jdk.jfr.Recording r) {
        if (r != null) {
            r.stop();
            r.close();
        }
    }

    static long count(Hub hub, String sql) {
        return hub.jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static String createIntegration(ApiClient api, EnsonoSimulator sim, EmbeddedSqs sqs, String queue, String name) {
        ApiClient.Response r = api.post("/api/integrations", Map.of("platform", "ensono", "name", name,
                "base_url", sim.baseUrl(), "credentials", Map.of("api_key", "k", "aws_access_key_id", "x",
                        "aws_secret_access_key", "x"),
                "config", Map.of("client_name", "acme", "queue_url", queue, "sqs_endpoint", sqs.endpoint())));
        if (r.status() != 201 && r.status() != 200) {
            throw new IllegalStateException("creating the integration failed: " + r.status() + " " + r.text());
        }
        return r.json().path("id").asText();
    }

    static void publish(SqsClient sqs, String url, int groups, int perGroup, String prefix) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            for (int g = 0; g < groups; g++) {
                String number = String.format(prefix + "%07d", g);
                String type = i == 0 ? "Create" : "Notes";
                String body = i == 0
                        ? "{\"clientName\":\"acme\",\"ticketNumber\":\"" + number + "\",\"clientTicketNumber\":\"\","
                        + "\"ticketType\":\"Incident\",\"status\":\"open\",\"shortDescription\":\"bench " + g
                        + "\",\"description\":\"benchmark ticket\",\"priority\":\"3\"}"
                        : "{\"clientName\":\"acme\",\"ticketNumber\":\"" + number + "\",\"clientTicketNumber\":\"\","
                        + "\"ticketType\":\"Incident\",\"notes\":{\"type\":\"comment\",\"id\":\"" + number + "-" + i
                        + "\",\"body\":\"" + i + "\",\"commenter\":\"Bench\"}}";
                batch.add(SendMessageBatchRequestEntry.builder().id("e" + batch.size()).messageGroupId(number)
                        .messageDeduplicationId(UUID.randomUUID().toString()).messageBody(body)
                        .messageAttributes(Map.of("TransactionType", attr(type), "ClientReferenceAvailable",
                                attr("false")))
                        .build());
                if (batch.size() == 10) {
                    List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                    sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
    }

    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long totalCpu(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    static Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long t = mx.getThreadCpuTime(info.getThreadId());
            if (t > 0) {
                out.merge(info.getThreadName().replaceAll("\\d+", "N"), t, Long::sum);
            }
        }
        return out;
    }

    static MessageAttributeValue attr(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    static double bareLoop(SqsClient sqs, String url, int expected) {
        long start = System.nanoTime();
        int received = 0;
        int idle = 0;
        while (received < expected && idle < 50) {
            List<Message> ms = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
            if (ms.isEmpty()) {
                idle++;
                continue;
            }
            received += ms.size();
            List<DeleteMessageBatchRequestEntry> del = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                del.add(DeleteMessageBatchRequestEntry.builder().id("d" + i).receiptHandle(ms.get(i).receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(del));
        }
        return received / ((System.nanoTime() - start) / 1e9);
    }

    static long applied(Hub hub, String integrationId) {
        return EnsonoTestSupport.messagesTaken(hub, integrationId);
    }

    static long depth(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings().values().stream()
                .mapToLong(Long::parseLong).sum();
    }

    /** {order violations, lost, duplicated}: each group's ticket must hold notes 1..n-1 once, in order. */
    static int[] verify(Hub hub, String integrationId, int groups, int perGroup, long otherTickets, String prefix) {
        int violations = 0;
        int lost = 0;
        int duplicated = 0;
        Map<String, List<String>> comments = new HashMap<>();
        hub.jdbi.useHandle(h -> {
            for (var link : hub.links.forIntegration(h, integrationId, 100_000, 0)) {
                comments.put(link.remoteNumber(), hub.activity.comments(h, link.ticketId()).stream()
                        .map(Comment::body).toList());
            }
        });
        long tickets = hub.jdbi.withHandle(h -> h.createQuery("select count(*) from tickets").mapTo(Long.class).one());
        duplicated += (int) Math.max(0, tickets - otherTickets - groups);
        for (int g = 0; g < groups; g++) {
            List<String> c = comments.get(String.format(prefix + "%07d", g));
            if (c == null) {
                lost += perGroup;
                continue;
            }
            int previous = 0;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String body : c) {
                int n = Integer.parseInt(body);
                if (n < previous) {
                    violations++;
                }
                previous = n;
                if (!seen.add(body)) {
                    duplicated++;
                }
            }
            lost += (perGroup - 1) - seen.size();
        }
        return new int[] {violations, lost, duplicated};
    }
}
