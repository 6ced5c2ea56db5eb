package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import io.ticketbridge.store.ParkingStore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import io.ticketbridge.store.Hub;
import io.ticketbridge.testing.TestRuntime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The batch processor against real ElasticMQ over loopback and the real hub store: per-group order,
 * failure isolation, redelivery, parking and ordered replay.
 */
class BatchProcessorTest {

    static EmbeddedSqs sqs;
    static TestRuntime rt;
    static Hub hub;
    static ExecutorService pool = Executors.newFixedThreadPool(4);
    static ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() {
        sqs = EmbeddedSqs.start(0);
        rt = TestRuntime.start(Map.of("ticketbridge.ensono.inbound.enabled", "false"));
        hub = rt.hub();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
        rt.close();
        sqs.close();
    }

    /**
     * Records what was applied (once its transaction commits, like a real applier's effect); fails the
     * bodies named in {@code failures} while their count is positive.
     */
    static final class Recorder implements MessageApplier {
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final Set<String> alwaysFail = ConcurrentHashMap.newKeySet();
        /** Keys whose apply breaks the whole transaction (closes its connection) once each. */
        final Set<String> breakTransaction = ConcurrentHashMap.newKeySet();

        @Override
        public Result apply(org.jdbi.v3.core.Handle h, QueueMessage m) {
            JsonNode b = Json.read(m.body());
            String key = b.path("g").asText() + ":" + b.path("i").asInt();
            AtomicInteger left = failures.get(key);
            if (breakTransaction.remove(key)) {
                try {
                    h.getConnection().close();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("connection lost while applying " + key);
            }
            if (alwaysFail.contains(key) || left != null && left.getAndDecrement() > 0) {
                throw new IllegalStateException("injected failure of " + key);
            }
            h.afterCommit(() -> applied.add(key));
            return Result.applied(null);
        }

        List<Integer> of(String group) {
            synchronized (applied) {
                return applied.stream().filter(k -> k.startsWith(group + ":"))
                        .map(k -> Integer.parseInt(k.substring(k.indexOf(':') + 1))).toList();
            }
        }
    }

    record World(String queueUrl, QueueTransport transport, BatchProcessor processor, Recorder recorder,
                 String integrationId) {
    }

    static World world(String name, int visibility, int poisonAttempts, QueueTransportWrapper wrapper) {
        return world(name, visibility, poisonAttempts, wrapper, false);
    }

    /**
     * {@code sharedTransaction}: a batch's groups apply one after another in one transaction (what the
     * processor does on a single-writer store such as embedded H2) instead of in parallel, one each.
     */
    static World world(String baseName, int visibility, int poisonAttempts, QueueTransportWrapper wrapper,
                       boolean sharedTransaction) {
        String name = sharedTransaction ? baseName + "-shared" : baseName;
        String url = sqs.createFifoQueue(name + ".fifo", visibility, 20);
        Integration i = hub.jdbi.inTransaction(h -> hub.integrations.create(h, hub.spaces.ensureDefault(h).id(),
                "webhook", "queue " + name, "http://127.0.0.1:9", Json.object(), Map.of(), false));
        QueueTransport sqsTransport = new SqsQueueTransport(rt.context(), new SqsQueueTransport.Options(url,
                "us-east-1", sqs.endpoint(), "x", "x"));
        QueueTransport transport = wrapper == null ? sqsTransport : wrapper.wrap(sqsTransport);
        Recorder recorder = new Recorder();
        BatchProcessor p = new BatchProcessor(hub.jdbi, hub.inbox, new ParkingStore(hub.jdbi), i.id(), i.spaceId(),
                recorder, new BatchProcessor.Settings(poisonAttempts, 20, visibility), pool, timer, null,
                sharedTransaction ? new java.util.concurrent.locks.ReentrantLock() : null);
        return new World(url, transport, p, recorder, i.id());
    }

    interface QueueTransportWrapper {
        QueueTransport wrap(QueueTransport t);
    }

    static void send(String url, List<String[]> groupAndIndex) {
        for (int from = 0; from < groupAndIndex.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<String[]> chunk = groupAndIndex.subList(from, Math.min(groupAndIndex.size(), from + 10));
            for (int k = 0; k < chunk.size(); k++) {
                String[] gi = chunk.get(k);
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + k).messageGroupId(gi[0])
                        .messageDeduplicationId(UUID.randomUUID().toString())
                        .messageBody("{\"g\":\"" + gi[0] + "\",\"i\":" + gi[1] + "}").build());
            }
            sqs.client().sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
    }

    static List<String[]> interleaved(String prefix, int groups, int perGroup) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            for (int g = 0; g < groups; g++) {
                out.add(new String[] {prefix + g, String.valueOf(i)});
            }
        }
        return out;
    }

    static BatchProcessor.Result poll(World w) {
        return w.processor().process(w.transport().receive(10, 0), w.transport());
    }

    static long visibleAndInFlight(String url) {
        return sqs.client().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().mapToLong(Long::parseLong).sum();
    }

    @ParameterizedTest(name = "shared transaction: {0}")
    @ValueSource(booleans = {false, true})
    void interleavedMessagesAcrossManyGroupsAreAppliedInPerGroupOrder(boolean sharedTransaction) {
        World w = world("interleaved", 30, 5, null, sharedTransaction);
        send(w.queueUrl(), interleaved("g", 25, 8));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            poll(w);
            return w.recorder().applied.size() >= 200;
        });
        for (int g = 0; g < 25; g++) {
            assertThat(w.recorder().of("g" + g)).as("group g%d", g).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        }
        assertThat(w.recorder().applied).hasSize(200).doesNotHaveDuplicates();
        assertThat(visibleAndInFlight(w.queueUrl())).isZero();
    }

    @Test
    void aBatchTransactionThatFailsAsAWholeChargesOnlyTheGroupThatBrokeIt() {
        World w = world("broken", 2, 5, null, true);
        w.recorder().breakTransaction.add("b1:1");
        send(w.queueUrl(), interleaved("b", 3, 3));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            poll(w);
            return w.recorder().applied.size() == 9;
        });
        for (int g = 0; g < 3; g++) {
            assertThat(w.recorder().of("b" + g)).as("group b%d", g).containsExactly(0, 1, 2);
        }
        assertThat(w.recorder().applied).doesNotHaveDuplicates();
        // the groups were applied again one by one at once (the break happened once): no group, not even the
        // one that broke the shared transaction, has a failed attempt charged (a failure leaves an inbox row)
        List<Integer> attempts = hub.jdbi.withHandle(h -> h.createQuery("select attempts from inbox where source = :s")
                .bind("s", w.processor().source()).mapTo(Integer.class).list());
        assertThat(attempts).isEmpty();
        assertThat(marks(w)).containsExactly("b0 3", "b1 3", "b2 3");
        assertThat(visibleAndInFlight(w.queueUrl())).isZero();
    }

    @ParameterizedTest(name = "shared transaction: {0}")
    @ValueSource(booleans = {false, true})
    void aFailingMessageHoldsBackOnlyItsOwnGroupAndItsLaterMessagesAreNeitherAppliedNorDeleted(boolean sharedTransaction) {
        World w = world("failing", 2, 5, null, sharedTransaction);
        w.recorder().failures.put("f1:1", new AtomicInteger(2));
        send(w.queueUrl(), interleaved("f", 3, 4));
        // first passes: f0 and f2 complete; f1 stops at its message 1
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
            poll(w);
            return w.recorder().of("f0").size() == 4 && w.recorder().of("f2").size() == 4;
        });
        assertThat(w.recorder().of("f1")).containsExactly(0);
        assertThat(visibleAndInFlight(w.queueUrl())).isEqualTo(3);
        // after the visibility timeout the group comes back in order and completes
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            poll(w);
            return w.recorder().of("f1").size() == 4;
        });
        assertThat(w.recorder().of("f1")).containsExactly(0, 1, 2, 3);
        assertThat(w.recorder().applied).doesNotHaveDuplicates();
    }

    @Test
    void aRedeliveredMessageIsNeverAppliedTwice() {
        AtomicInteger deletes = new AtomicInteger();
        World w = world("redelivery", 2, 5, t -> new QueueTransport() {
            @Override
            public List<QueueMessage> receive(int max, int waitSeconds) {
                return t.receive(max, waitSeconds);
            }

            @Override
            public List<QueueMessage> delete(List<QueueMessage> messages) {
                // the first delete is lost (as if the process died between commit and delete)
                return deletes.getAndIncrement() == 0 ? messages : t.delete(messages);
            }

            @Override
            public String kind() {
                return "sqs";
            }
        });
        send(w.queueUrl(), interleaved("r", 2, 3));
        List<BatchProcessor.Result> results = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            results.add(poll(w));
            return w.recorder().applied.size() == 6 && visibleAndInFlight(w.queueUrl()) == 0;
        });
        assertThat(w.recorder().applied).hasSize(6).doesNotHaveDuplicates();
        assertThat(results.stream().mapToInt(BatchProcessor.Result::duplicates).sum()).isPositive();
    }

    @ParameterizedTest(name = "shared transaction: {0}")
    @ValueSource(booleans = {false, true})
    void aPoisonMessageIsParkedWithTheRestOfItsGroupInOrderAndReplayedInOrder(boolean sharedTransaction) {
        World w = world("poison", 1, 2, null, sharedTransaction);
        w.recorder().alwaysFail.add("p0:1");
        send(w.queueUrl(), interleaved("p", 2, 4));
        ParkingStore parking = new ParkingStore(hub.jdbi);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            poll(w);
            return parking.messages(w.integrationId(), "p0").size() == 3 && w.recorder().of("p1").size() == 4;
        });
        assertThat(w.recorder().of("p0")).containsExactly(0);
        // a later arrival of the parked group is parked behind the others
        send(w.queueUrl(), List.<String[]>of(new String[] {"p0", "4"}));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            poll(w);
            return parking.messages(w.integrationId(), "p0").size() == 4;
        });
        assertThat(visibleAndInFlight(w.queueUrl())).isZero();
        assertThat(parking.messages(w.integrationId(), "p0").stream()
                .map(p -> Json.read(p.body()).path("i").asInt()).toList()).containsExactly(1, 2, 3, 4);
        assertThat(parking.groups(w.integrationId())).extracting(ParkingStore.GroupSummary::groupId)
                .containsExactly("p0");

        BatchProcessor.ReplayResult failed = w.processor().replay("p0");
        assertThat(failed.replayed()).isZero();
        assertThat(failed.remaining()).isEqualTo(4);
        w.recorder().alwaysFail.clear();
        BatchProcessor.ReplayResult ok = w.processor().replay("p0");
        assertThat(ok.replayed()).isEqualTo(4);
        assertThat(w.recorder().of("p0")).containsExactly(0, 1, 2, 3, 4);
        assertThat(parking.groups(w.integrationId())).isEmpty();
    }

    @Test
    void processingThatOutlastsTheVisibilityTimeoutExtendsIt() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        String url = sqs.createFifoQueue("slow.fifo", 2, 20);
        Integration i = hub.jdbi.inTransaction(h -> hub.integrations.create(h, hub.spaces.ensureDefault(h).id(),
                "webhook", "queue slow", "http://127.0.0.1:9", Json.object(), Map.of(), false));
        QueueTransport transport = new SqsQueueTransport(rt.context(), new SqsQueueTransport.Options(url,
                "us-east-1", sqs.endpoint(), "x", "x"));
        AtomicInteger applied = new AtomicInteger();
        BatchProcessor p = new BatchProcessor(hub.jdbi, hub.inbox, new ParkingStore(hub.jdbi), i.id(), i.spaceId(),
                (h, m) -> {
                    inside.countDown();
                    try {
                        // the test holds the apply past several visibility timeouts
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    applied.incrementAndGet();
                    return MessageApplier.Result.applied(null);
                }, new BatchProcessor.Settings(5, 20, 2), pool, timer, null);
        send(url, List.<String[]>of(new String[] {"slow", "0"}));
        var batch = transport.receive(10, 0);
        assertThat(batch).hasSize(1);
        var running = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> p.process(batch, transport));
        assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // 5 s = two and a half visibility timeouts: nobody else gets the message meanwhile
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(500)).until(() -> transport.receive(10, 0).isEmpty());
        release.countDown();
        BatchProcessor.Result r = running.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.applied()).isEqualTo(1);
        assertThat(r.deleted()).isEqualTo(1);
        assertThat(applied.get()).isEqualTo(1);
        assertThat(visibleAndInFlight(url)).isZero();
    }

    @Test
    void aMessageResentWithAUsedDeduplicationIdIsOnlyDeletedEvenOnItsFirstDelivery() {
        World w = world("resent", 30, 5, null);
        RecordingTransport transport = new RecordingTransport();
        BatchProcessor.Result first = w.processor().process(List.of(delivered("rs", 0, "rs-dedup-0"),
                delivered("rs", 1, "rs-dedup-1")), transport);
        assertThat(first.applied()).isEqualTo(2);
        assertThat(first.deleted()).isEqualTo(2);

        // past the queue's 5-minute deduplication window the sender sends message 1 again with the same
        // deduplication id: a new queue message, delivered for the first time (SQS would refuse it sooner)
        QueueMessage resent = delivered("rs", 1, "rs-dedup-1");
        QueueMessage next = delivered("rs", 2, "rs-dedup-2");
        BatchProcessor.Result second = w.processor().process(List.of(resent, next), transport);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.applied()).isEqualTo(1);
        assertThat(second.failed()).isZero();
        assertThat(transport.deleted).contains(resent.messageId(), next.messageId()).hasSize(4);
        assertThat(w.recorder().of("rs")).containsExactly(0, 1, 2);
        // the group's mark took the three messages applied, once each, and knows their deduplication ids
        assertThat(marks(w)).containsExactly("rs 3");
        String recent = hub.jdbi.withHandle(h -> h.createQuery("select recent from queue_marks where source=:s")
                .bind("s", w.processor().source()).mapTo(String.class).one());
        assertThat(recent).isEqualTo("rs-dedup-0\nrs-dedup-1\nrs-dedup-2");
    }

    @Test
    void aGroupsMarkTellsRedeliveriesFromNewMessagesEvenWhenTheQueueIsRecreated() {
        World w = world("mark", 30, 5, null);
        RecordingTransport transport = new RecordingTransport();
        long t = 1_700_000_000_000L;
        QueueMessage first = sent("mk", 0, t, "500");
        QueueMessage second = sent("mk", 1, t, "501");
        assertThat(w.processor().process(List.of(first, second), transport).applied()).isEqualTo(2);

        // redeliveries, the older one too, under deduplication ids the mark no longer lists: only deleted
        BatchProcessor.Result again = w.processor().process(List.of(first.withReceipt("rh-2", 2),
                sent("mk", 0, t, "500")), transport);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.applied()).isZero();

        // the queue recreated empty numbers its messages afresh, but sends them later: applied, not dropped
        QueueMessage renumbered = sent("mk", 2, t + 60_000, "3");
        assertThat(w.processor().process(List.of(renumbered), transport).applied()).isEqualTo(1);
        // and a message without a SequenceNumber is recorded in the inbox instead, and recognised there
        QueueMessage unnumbered = new QueueMessage("mid-x", "rh-x", "mk", t + 61_000, null, "dd-x", 1, null, null,
                "{\"g\":\"mk\",\"i\":3}", Map.of());
        assertThat(w.processor().process(List.of(unnumbered), transport).applied()).isEqualTo(1);
        assertThat(w.processor().process(List.of(unnumbered.withReceipt("rh-y", 2)), transport).duplicates())
                .isEqualTo(1);
        assertThat(w.recorder().of("mk")).containsExactly(0, 1, 2, 3);
        assertThat(marks(w)).containsExactly("mk 3");
        List<String> rows = hub.jdbi.withHandle(h -> h.createQuery("select dedup_key from inbox where source=:s")
                .bind("s", w.processor().source()).mapTo(String.class).list());
        assertThat(rows).containsExactly("gd:mk|dd-x");
    }

    /** A message sent at {@code sentAt} with the given SequenceNumber and a deduplication id of its own. */
    static QueueMessage sent(String group, int i, long sentAt, String seq) {
        String id = UUID.randomUUID().toString();
        return new QueueMessage(id, "rh-" + id, group, sentAt, seq, "dd-" + id, 1, null, null,
                "{\"g\":\"" + group + "\",\"i\":" + i + "}", Map.of());
    }

    /** Each group's mark of the world's queue: "group applied-count", by group. */
    static List<String> marks(World w) {
        return hub.jdbi.withHandle(h -> h.createQuery("select group_id, applied from queue_marks where source=:s"
                        + " order by group_id").bind("s", w.processor().source())
                .map((rs, c) -> rs.getString(1) + " " + rs.getLong(2)).list());
    }

    @Test
    void aMessageRecordedByAnEarlierVersionUnderItsDeduplicationIdAloneIsNotAppliedAgain() {
        World w = world("legacy", 30, 5, null);
        RecordingTransport transport = new RecordingTransport();
        // an inbox from before keys were scoped to the group: message 0 applied, message 1 failed twice
        String source = w.processor().source();
        hub.jdbi.useHandle(h -> {
            h.execute("insert into inbox (id, source, dedup_key, status, attempts, created_at) values (?, ?, ?,"
                    + " 'applied', 1, current_timestamp)", UUID.randomUUID().toString(), source, "dd:lg-dedup-0");
            h.execute("insert into inbox (id, source, dedup_key, status, attempts, created_at) values (?, ?, ?,"
                    + " 'failed', 2, current_timestamp)", UUID.randomUUID().toString(), source, "dd:lg-dedup-1");
        });
        QueueMessage redelivered = delivered("lg", 0, "lg-dedup-0");
        QueueMessage retried = delivered("lg", 1, "lg-dedup-1");
        BatchProcessor.Result r = w.processor().process(List.of(redelivered, retried), transport);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.applied()).isEqualTo(1);
        assertThat(transport.deleted).containsExactly(redelivered.messageId(), retried.messageId());
        assertThat(w.recorder().of("lg")).containsExactly(1);
        // the earlier record is brought up to date, not doubled by one under the new key
        List<String> inbox = hub.jdbi.withHandle(h -> h.createQuery("select dedup_key, status, attempts from inbox"
                        + " where source=:s order by dedup_key").bind("s", source)
                .map((rs, c) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3)).list());
        assertThat(inbox).containsExactly("dd:lg-dedup-0 applied 1", "dd:lg-dedup-1 applied 3");
    }

    /** A message as a queue hands it out the first time (receive count 1), with the given deduplication id. */
    static QueueMessage delivered(String group, int i, String dedupId) {
        String id = UUID.randomUUID().toString();
        long sent = System.currentTimeMillis();
        return new QueueMessage(id, "rh-" + id, group, sent, String.format("%020d", System.nanoTime()), dedupId, 1,
                null, null, "{\"g\":\"" + group + "\",\"i\":" + i + "}", Map.of());
    }
}
