package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import io.ticketbridge.store.QueueInbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

import io.ticketbridge.store.InboxStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction mechanics of {@link BatchProcessor}: one or more groups' messages applied in one
 * transaction, in order, each under its own savepoint (runs of them in bulk when the applier can), each
 * group's mark (and the inbox record of a message that needs one) written with their effect.
 */
final class GroupTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(GroupTransactions.class);

    private final Jdbi jdbi;
    private final MessageApplier applier;
    private final QueueInbox queueInbox;
    private final Lock writeLock;

    /** {@code writeLock}: held around the statements (not the commit) of each transaction, or null. */
    GroupTransactions(Jdbi jdbi, MessageApplier applier, QueueInbox queueInbox, Lock writeLock) {
        this.jdbi = jdbi;
        this.applier = applier;
        this.queueInbox = queueInbox;
        this.writeLock = writeLock;
    }

    /** One group's pass through the apply path: each message's outcome, and where it stopped. */
    static final class GroupApply {
        final List<QueueMessage> group;
        final List<String[]> outcomes = new ArrayList<>();
        RuntimeException failure;
        int failedAt = -1;

        GroupApply(List<QueueMessage> group) {
            this.group = group;
        }
    }

    /**
     * The groups' messages in one transaction, group after group, each message under its own savepoint: a
     * failure rolls back only that message and stops its group (the ones before it commit, the ones after
     * it are not tried); the other groups go on. If the transaction fails as a whole, each group is applied
     * again alone; if a group's own transaction fails, its first message not yet applied counts as its
     * failure.
     */
    void apply(List<GroupApply> applies, QueueInbox.Known known) {
        if (applies.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                // the store's batch write lock covers the statements, not the commit: on H2 the commit writes
                // the changes to the file, and another batch may apply meanwhile
                if (writeLock != null) {
                    writeLock.lock();
                }
                try {
                    for (int k = 0; k < applies.size(); k++) {
                        applyGroup(h, "g" + k, applies.get(k), known);
                    }
                } finally {
                    if (writeLock != null) {
                        writeLock.unlock();
                    }
                }
            });
        } catch (RuntimeException commitFailure) {
            applier.rolledBack();
            if (applies.size() > 1) {
                // one group's trouble (a deadlock, a broken connection) must not count against the others:
                // each group again in its own transaction
                LOG.debug("A batch transaction of {} groups failed ({}); applying each group alone", applies.size(),
                        commitFailure.toString());
                for (GroupApply a : applies) {
                    a.outcomes.clear();
                    a.failure = null;
                    a.failedAt = -1;
                    apply(List.of(a), known);
                }
                return;
            }
            for (GroupApply a : applies) {
                a.outcomes.clear();
                int first = 0;
                while (first < a.group.size() && known.done(a.group.get(first))) {
                    a.outcomes.add(new String[] {"duplicate", "already applied"});
                    first++;
                }
                a.failure = first < a.group.size() ? commitFailure : null;
                a.failedAt = first < a.group.size() ? first : -1;
            }
        }
    }

    /**
     * The group's messages in the caller's transaction, in order, each under its own savepoint (runs of
     * them in bulk when the applier can): stops at the first failure, leaving it in {@code failure} and
     * {@code failedAt}.
     */
    private void applyGroup(Handle h, String tag, GroupApply a, QueueInbox.Known known) {
        List<QueueMessage> group = a.group;
        List<String[]> outcomes = a.outcomes;
        int bulkBlockedUntil = 0;
        List<QueueMessage> done = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            QueueMessage m = group.get(i);
            if (known.done(m)) {
                outcomes.add(new String[] {"duplicate", "already applied"});
                continue;
            }
            if (i >= bulkBlockedUntil) {
                Run run = applyRun(h, tag, group, i, known, outcomes);
                if (run.applied() > 0) {
                    done.addAll(group.subList(i, i + run.applied()));
                    i += run.applied() - 1;
                    continue;
                }
                bulkBlockedUntil = run.rolledBackUntil();
            }
            String savepoint = tag + "m" + i;
            h.savepoint(savepoint);
            try {
                MessageApplier.Result r = applier.apply(h, m);
                boolean skipped = r.outcome() == MessageApplier.Outcome.SKIPPED;
                queueInbox.recordOutcome(h, m, known.seen(m), skipped ? InboxStore.SKIPPED : InboxStore.APPLIED,
                        skipped ? r.note() : null);
                outcomes.add(new String[] {skipped ? "skipped" : "applied", r.note()});
                done.add(m);
            } catch (RuntimeException e) {
                h.rollbackToSavepoint(savepoint);
                applier.rolledBack();
                a.failure = e;
                a.failedAt = i;
                break;
            }
        }
        // the group's mark moves past what this transaction applied, with it
        queueInbox.advance(h, known, done);
    }

    /**
     * What {@link #applyRun} did: {@code applied} messages in one bulk, or none; when a bulk failed and was
     * rolled back, its messages up to {@code rolledBackUntil} (exclusive) go one by one instead.
     */
    private record Run(int applied, int rolledBackUntil) {
        static final Run NONE = new Run(0, 0);
    }

    /**
     * Tries to apply the run of not-yet-applied messages starting at {@code from} in one bulk (when the
     * applier offers one) under one savepoint.
     */
    private Run applyRun(Handle h, String tag, List<QueueMessage> group, int from,
                         QueueInbox.Known known, List<String[]> outcomes) {
        int end = from;
        while (end < group.size() && !known.done(group.get(end))) {
            end++;
        }
        if (end - from < 2) {
            return Run.NONE;
        }
        List<QueueMessage> candidates = group.subList(from, end);
        int n = Math.min(candidates.size(), applier.bulkRun(candidates));
        if (n < 2) {
            return Run.NONE;
        }
        List<QueueMessage> run = candidates.subList(0, n);
        String savepoint = tag + "b" + from;
        h.savepoint(savepoint);
        try {
            List<MessageApplier.Result> results = applier.applyBulk(h, run);
            if (results.size() != n) {
                throw new IllegalStateException("bulk apply returned " + results.size() + " results for " + n);
            }
            List<QueueInbox.Outcome> records = new ArrayList<>(n);
            List<String[]> runOutcomes = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                MessageApplier.Result r = results.get(k);
                boolean skipped = r.outcome() == MessageApplier.Outcome.SKIPPED;
                QueueMessage m = run.get(k);
                records.add(new QueueInbox.Outcome(m, known.seen(m),
                        skipped ? InboxStore.SKIPPED : InboxStore.APPLIED, skipped ? r.note() : null));
                runOutcomes.add(new String[] {skipped ? "skipped" : "applied", r.note()});
            }
            queueInbox.recordOutcomes(h, records);
            outcomes.addAll(runOutcomes);
            return new Run(n, 0);
        } catch (RuntimeException e) {
            h.rollbackToSavepoint(savepoint);
            applier.rolledBack();
            LOG.debug("Bulk apply of {} message(s) of group {} failed ({}); applying them one at a time",
                    n, group.get(from).groupId(), e.toString());
            return new Run(0, from + n);
        }
    }

}
