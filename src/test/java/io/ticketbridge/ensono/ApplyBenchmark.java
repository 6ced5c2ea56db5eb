package io.ticketbridge.ensono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ticketbridge.queue.BatchProcessor;
import io.ticketbridge.model.QueueMessage;
import io.ticketbridge.queue.RecordingTransport;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/**
 * The inbound apply path alone, not a timed test: {@code mvn -B test -Dtest=ApplyBenchmark}. Feeds
 * batches shaped like ElasticMQ's FIFO receives (10 messages of one group: a Create, then Notes) straight
 * into the integration's {@link BatchProcessor} with a transport whose deletes always succeed, from two
 * threads (the default receive loops; -Dbench.threads; -Dbench.merge=k hands k batches over as one, what a
 * group commit across receive loops would do), for several rounds; prints messages per second and process CPU
 * per message. It isolates the store and apply cost that {@link InboundBenchmark} measures together
 * with the queue.
 */
class ApplyBenchmark {

    @Test
    void applyBatches() throws Exception {
        System.out.println(io.ticketbridge.testing.ProductionJvm.assertionsOff());
        int rounds = Integer.getInteger("bench.rounds", 5);
        int groups = Integer.getInteger("bench.groups", 500);
        int perGroup = Integer.getInteger("bench.per-group", 40);
        int threadCount = Integer.getInteger("bench.threads", 2);
        try (TestRuntime rt = TestRuntime.start(Map.of("ticketbridge.jobs.poll-interval-ms", "3600000"))) {
            ApiClient api = rt.admin();
            String id = api.post("/api/integrations", Map.of("platform", "ensono", "name", "apply-bench",
                    "base_url", "http://127.0.0.1:9", "credentials", Map.of("api_key", "k"),
                    "config", Map.of("client_name", "acme"))).json().path("id").asText();
            EnsonoInbound inbound = rt.context().getRegistry().lookupByNameAndType("ensonoInbound",
                    EnsonoInbound.class);
            BatchProcessor processor = inbound.processor(id).orElseThrow();
            // deletes always succeed: the queue's part is InboundBenchmark's
            RecordingTransport transport = new RecordingTransport();
            for (int round = 1; round <= rounds; round++) {
                List<List<List<QueueMessage>>> byGroup = new ArrayList<>();
                long sent = 1_000_000L * round;
                for (int g = 0; g < groups; g++) {
                    String number = String.format("a%d-BN%07d", round, g);
                    List<List<QueueMessage>> batches = new ArrayList<>();
                    for (int i = 0; i < perGroup; i++) {
                        if (i % 10 == 0) {
                            batches.add(new ArrayList<>());
                        }
                        batches.get(batches.size() - 1).add(message(number, i, sent++));
                    }
                    byGroup.add(batches);
                }
                // each thread takes its groups' batches in order: all first batches, then all second ones, ...
                List<List<List<QueueMessage>>> perThread = new ArrayList<>();
                for (int t = 0; t < threadCount; t++) {
                    perThread.add(new ArrayList<>());
                }
                for (int b = 0; b < (perGroup + 9) / 10; b++) {
                    for (int g = 0; g < groups; g++) {
                        perThread.get(g % threadCount).add(byGroup.get(g).get(b));
                    }
                }
                int total = groups * perGroup;
                long windowStart = System.currentTimeMillis();
                long cpu0 = InboundBenchmark.processCpu();
                long start = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                int[] applied = new int[threadCount];
                for (int t = 0; t < threadCount; t++) {
                    int k = t;
                    Thread th = new Thread(() -> {
                        // -Dbench.merge=k: k receive batches handed over as one (what a group commit would do)
                        int merge = Integer.getInteger("bench.merge", 1);
                        List<List<QueueMessage>> mine = perThread.get(k);
                        for (int from = 0; from < mine.size(); from += merge) {
                            List<QueueMessage> b = new ArrayList<>();
                            mine.subList(from, Math.min(mine.size(), from + merge)).forEach(b::addAll);
                            BatchProcessor.Result r = processor.process(b, transport);
                            applied[k] += r.applied() + r.skipped();
                        }
                    }, "apply-bench-" + t);
                    threads.add(th);
                    th.start();
                }
                for (Thread th : threads) {
                    th.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round == rounds) {
                    System.out.printf("window of the last round (epoch ms): %d %d%n", windowStart,
                            System.currentTimeMillis());
                }
                long cpu = InboundBenchmark.processCpu() - cpu0;
                System.out.printf("apply round %d: %d messages (%d applied) in %.2f s: %8.0f msg/s, process CPU"
                                + " %.3f ms/msg%n", round, total, java.util.Arrays.stream(applied).sum(), seconds, total / seconds,
                        cpu / 1e6 / total);
            }
        }
    }

    private static QueueMessage message(String number, int i, long sent) {
        String type = i == 0 ? "Create" : "Notes";
        String body = i == 0
                ? "{\"clientName\":\"acme\",\"ticketNumber\":\"" + number + "\",\"clientTicketNumber\":\"\","
                + "\"ticketType\":\"Incident\",\"status\":\"open\",\"shortDescription\":\"bench\","
                + "\"description\":\"benchmark ticket\",\"priority\":\"3\"}"
                : "{\"clientName\":\"acme\",\"ticketNumber\":\"" + number + "\",\"clientTicketNumber\":\"\","
                + "\"ticketType\":\"Incident\",\"notes\":{\"type\":\"comment\",\"id\":\"" + number + "-" + i
                + "\",\"body\":\"" + i + "\",\"commenter\":\"Bench\"}}";
        String messageId = UUID.randomUUID().toString();
        return new QueueMessage(messageId, "rh-" + messageId, number, sent, String.format("%020d", sent),
                UUID.randomUUID().toString(), 1, type, false, body,
                Map.of("TransactionType", type, "ClientReferenceAvailable", "false"));
    }
}
