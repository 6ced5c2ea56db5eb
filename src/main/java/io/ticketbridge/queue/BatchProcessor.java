package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import io.ticketbridge.store.QueueInbox;

import io.ticketbridge.store.ParkingStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.ticketbridge.store.InboxStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one inbound batch processor, whatever transport read the batch: group by MessageGroupId, order
 * each group by SentTimestamp (SequenceNumber breaks ties), run groups in parallel (bounded) and a
 * group's messages strictly one after another, then delete by ReceiptHandle what was committed.
 *
 * <p>Invariants an editor must keep:
 * <ul>
 *   <li>Each message is recorded in the same transaction as its effect (its group's mark, and an inbox
 *       row where the mark cannot say it); a redelivered message whose effect is committed is only deleted,
 *       never applied again.</li>
 *   <li>A delete happens only after the commit. If a message fails, the later messages of its group in
 *       this batch are neither applied nor deleted: the queue hands them out again, in order.</li>
 *   <li>A message that failed {@code poisonAttempts} times (or is about to reach the queue's redrive
 *       limit) is parked locally with the rest of its group's batch, in order, then deleted; later
 *       arrivals of a parked group are parked behind them until an operator replays or discards.</li>
 *   <li>While a batch is processed, its undeleted messages' visibility is extended, so no message is
 *       handed to anyone else while it is in progress.</li>
 * </ul>
 */
public final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    public record Settings(int poisonAttempts, int redriveLimit, int visibilitySeconds) {
    }

    public record Result(int received, int applied, int skipped, int duplicates, int failed, int parked, int deleted,
                         int deleteFailures) {
        public static final Result EMPTY = new Result(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Outcome of one message, for metrics and the sync log. */
    public interface Observer {
        void onMessage(QueueMessage m, String outcome, String note);
    }

    private final Jdbi jdbi;
    private final InboxStore inbox;
    private final ParkingStore parking;
    private final String integrationId;
    private final String spaceId;
    private final MessageApplier applier;
    private final Settings settings;
    private final ExecutorService groupPool;
    private final ScheduledExecutorService timer;
    private final Observer observer;
    private final QueueInbox queueInbox;
    private final GroupTransactions transactions;
    private final Lock writeLock;
    /**
     * Batches of one integration may run concurrently (FIFO never hands one group to two receivers), but
     * a replay runs alone, so it cannot race a batch of its group.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public BatchProcessor(Jdbi jdbi, InboxStore inbox, ParkingStore parking, String integrationId, String spaceId,
                          MessageApplier applier, Settings settings, ExecutorService groupPool,
                          ScheduledExecutorService timer, Observer observer) {
        this(jdbi, inbox, parking, integrationId, spaceId, applier, settings, groupPool, timer, observer, null);
    }

    /**
     * {@code writeLock}: the store's batch write lock (single-writer store), or null. With it a batch's groups
     * apply in one transaction whose statements hold the lock; without it groups run in parallel.
     */
    public BatchProcessor(Jdbi jdbi, InboxStore inbox, ParkingStore parking, String integrationId, String spaceId,
                          MessageApplier applier, Settings settings, ExecutorService groupPool,
                          ScheduledExecutorService timer, Observer observer,
                          Lock writeLock) {
        this.writeLock = writeLock;
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.parking = parking;
        this.integrationId = integrationId;
        this.spaceId = spaceId;
        this.applier = applier;
        this.settings = settings;
        this.groupPool = groupPool;
        this.timer = timer;
        this.observer = observer == null ? (m, o, n) -> { } : observer;
        this.queueInbox = new QueueInbox(jdbi, InboxStore.queueSource(integrationId), spaceId, integrationId);
        this.transactions = new GroupTransactions(jdbi, applier, queueInbox, writeLock);
    }

    public String source() {
        return InboxStore.queueSource(integrationId);
    }

    /** Groups, orders and applies the batch, then deletes what was committed. */
    public Result process(List<QueueMessage> batch, QueueTransport transport) {
        if (batch.isEmpty()) {
            return Result.EMPTY;
        }
        lock.readLock().lock();
        Set<QueueMessage> inFlight = ConcurrentHashMap.newKeySet();
        inFlight.addAll(batch);
        ScheduledFuture<?> extender = scheduleExtension(inFlight, transport);
        Counts counts = new Counts();
        List<QueueMessage> prefetched = List.of();
        try {
            Map<String, List<QueueMessage>> groups = new LinkedHashMap<>();
            for (QueueMessage m : batch) {
                groups.computeIfAbsent(ParkingStore.group(m), g -> new ArrayList<>()).add(m);
            }
            groups.values().forEach(g -> g.sort(QueueMessage.ORDER));
            Set<String> parkedGroups = parking.parkedAmong(integrationId, groups.keySet());
            QueueInbox.Known known = queueInbox.lookup(batch);
            if (writeLock != null) {
                // on a single-writer store remote reads the apply needs happen now, outside the transaction
                // and the write lock (elsewhere the groups' transactions run in parallel and read for themselves)
                prefetched = batch.stream().filter(m -> !known.done(m)
                        && !parkedGroups.contains(ParkingStore.group(m))).toList();
                prefetch(prefetched);
            }
            List<QueueMessage> toDelete = new ArrayList<>();
            List<GroupTransactions.GroupApply> applies = new ArrayList<>();
            for (var e : groups.entrySet()) {
                if (parkedGroups.contains(e.getKey())) {
                    toDelete.addAll(parkBehind(e.getValue(), counts, known));
                } else {
                    applies.add(new GroupTransactions.GroupApply(e.getValue()));
                }
            }
            if (applies.size() <= 1 || writeLock != null) {
                // one group, or a single-writer store (statements one at a time anyway): the batch's groups
                // apply one after another in one transaction, so the batch costs one commit
                transactions.apply(applies, known);
            } else {
                // groups in parallel (bounded by the pool), one transaction each
                List<Future<?>> futures = new ArrayList<>();
                for (GroupTransactions.GroupApply a : applies) {
                    futures.add(groupPool.submit(() -> transactions.apply(List.of(a), known)));
                }
                futures.forEach(BatchProcessor::await);
            }
            for (GroupTransactions.GroupApply a : applies) {
                toDelete.addAll(finish(a, counts, inFlight));
            }
            List<QueueMessage> notDeleted = toDelete.isEmpty() ? List.of() : transport.delete(toDelete);
            for (QueueMessage m : notDeleted) {
                // committed locally; when it comes back the inbox recognises it and it is only deleted
                LOG.warn("Message {} of group {} is applied but was not deleted; its redelivery will only be deleted",
                        m.messageId(), m.groupId());
            }
            return new Result(batch.size(), counts.applied.get(), counts.skipped.get(), counts.duplicates.get(),
                    counts.failed.get(), counts.parked.get(), toDelete.size() - notDeleted.size(), notDeleted.size());
        } finally {
            if (!prefetched.isEmpty()) {
                applier.release(prefetched);
            }
            if (extender != null) {
                extender.cancel(false);
            }
            lock.readLock().unlock();
        }
    }

    private void prefetch(List<QueueMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            applier.prefetch(messages);
        } catch (RuntimeException e) {
            // the apply fetches what it still needs itself
            LOG.debug("Prefetch for {} message(s) failed: {}", messages.size(), e.toString());
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("group processing failed", e.getCause());
        }
    }

    private ScheduledFuture<?> scheduleExtension(Set<QueueMessage> inFlight, QueueTransport transport) {
        int visibility = settings.visibilitySeconds();
        if (visibility <= 0 || timer == null) {
            return null;
        }
        long period = Math.max(1, visibility / 2);
        return timer.scheduleAtFixedRate(() -> {
            List<QueueMessage> pending = List.copyOf(inFlight);
            if (!pending.isEmpty() && transport.extendVisibility(pending, visibility)) {
                LOG.debug("Extended the visibility of {} in-flight message(s) by {} s", pending.size(), visibility);
            }
        }, period, period, TimeUnit.SECONDS);
    }

    private static final class Counts {
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger parked = new AtomicInteger();
    }

    /** A parked group's new arrivals are parked behind it (redeliveries of applied ones only deleted). */
    private List<QueueMessage> parkBehind(List<QueueMessage> group, Counts counts, QueueInbox.Known known) {
        List<QueueMessage> deletable = new ArrayList<>();
        List<QueueMessage> fresh = new ArrayList<>();
        for (QueueMessage m : group) {
            if (known.done(m)) {
                counts.duplicates.incrementAndGet();
                deletable.add(m);
            } else {
                fresh.add(m);
            }
        }
        parkAll(fresh, "parked behind earlier parked messages of group " + ParkingStore.group(group.get(0)), counts);
        deletable.addAll(fresh);
        return deletable;
    }

    /**
     * Counts and reports the group's outcomes; records a failure, parking the rest of the group once it is
     * poison. Returns the messages that may be deleted.
     */
    private List<QueueMessage> finish(GroupTransactions.GroupApply a, Counts counts, Set<QueueMessage> inFlight) {
        List<QueueMessage> group = a.group;
        List<QueueMessage> deletable = new ArrayList<>();
        for (int i = 0; i < a.outcomes.size(); i++) {
            QueueMessage m = group.get(i);
            String[] outcome = a.outcomes.get(i);
            switch (outcome[0]) {
                case "duplicate" -> counts.duplicates.incrementAndGet();
                case "skipped" -> counts.skipped.incrementAndGet();
                default -> counts.applied.incrementAndGet();
            }
            observer.onMessage(m, outcome[0], outcome[1]);
            deletable.add(m);
        }
        if (a.failure != null) {
            QueueMessage m = group.get(a.failedAt);
            RuntimeException e = a.failure;
            counts.failed.incrementAndGet();
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            int attempts = queueInbox.recordFailure(m, error);
            observer.onMessage(m, "failed", error);
            List<QueueMessage> rest = group.subList(a.failedAt, group.size());
            boolean poison = attempts >= settings.poisonAttempts() || m.receiveCount() >= settings.redriveLimit() - 1;
            if (poison) {
                String reason = "failed " + attempts + " time(s): " + error;
                parkAll(rest, reason, counts);
                deletable.addAll(rest);
                LOG.warn("Parked message {} and {} later message(s) of group {}: {}", m.messageId(), rest.size() - 1,
                        m.groupId(), reason);
            } else {
                LOG.warn("Message {} of group {} failed (attempt {}); {} later message(s) of the group wait: {}",
                        m.messageId(), m.groupId(), attempts, rest.size() - 1, error);
                inFlight.removeAll(rest);
            }
        }
        return deletable;
    }

    private void parkAll(List<QueueMessage> messages, String reason, Counts counts) {
        if (messages.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> parking.park(h, integrationId, messages, reason));
        counts.parked.addAndGet(messages.size());
        messages.forEach(m -> observer.onMessage(m, "parked", reason));
    }

    /** Applies unless the inbox says it was already applied; "applied", "skipped" or "duplicate". */
    public String applyOnce(QueueMessage m) {
        MessageApplier.Result[] result = new MessageApplier.Result[1];
        boolean duplicate = jdbi.inTransaction(h -> {
            QueueInbox.Known known = queueInbox.lookup(h, List.of(m));
            if (known.done(m)) {
                return true;
            }
            result[0] = applier.apply(h, m);
            boolean skipped = result[0].outcome() == MessageApplier.Outcome.SKIPPED;
            queueInbox.recordOutcome(h, m, known.seen(m), skipped ? InboxStore.SKIPPED : InboxStore.APPLIED,
                    skipped ? result[0].note() : null);
            queueInbox.advance(h, known, List.of(m));
            return false;
        });
        if (duplicate) {
            observer.onMessage(m, "duplicate", "already applied");
            return "duplicate";
        }
        String outcome = result[0].outcome() == MessageApplier.Outcome.SKIPPED ? "skipped" : "applied";
        observer.onMessage(m, outcome, result[0].note());
        return outcome;
    }

    /** Replays a parked group in order through the same apply path; stops at the first failure. */
    public ReplayResult replay(String groupId) {
        lock.writeLock().lock();
        try {
            int replayed = 0;
            for (ParkingStore.Parked p : parking.messages(integrationId, groupId)) {
                QueueMessage m = p.toMessage();
                try {
                    String outcome = applyOnce(m);
                    jdbi.useTransaction(h -> parking.remove(h, p.id()));
                    replayed++;
                    LOG.info("Replayed parked message {} of group {}: {}", m.messageId(), groupId, outcome);
                } catch (RuntimeException e) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    queueInbox.recordFailure(m, error);
                    return new ReplayResult(replayed, parking.messages(integrationId, groupId).size(), error);
                }
            }
            return new ReplayResult(replayed, 0, null);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public record ReplayResult(int replayed, int remaining, String error) {
    }
}
