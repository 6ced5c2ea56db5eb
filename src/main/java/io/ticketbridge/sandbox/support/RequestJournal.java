package io.ticketbridge.sandbox.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/** Bounded, thread-safe log of received requests; the oldest go first so long benchmarks do not exhaust memory. */
public final class RequestJournal {

    private final int limit;
    private final Deque<RecordedRequest> entries = new ArrayDeque<>();

    /** Keeps the newest {@code limit} requests; 0 keeps none. */
    public RequestJournal(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("journal limit must be >= 0: " + limit);
        }
        this.limit = limit;
    }

    public synchronized void add(RecordedRequest request) {
        if (limit == 0) {
            return;
        }
        if (entries.size() == limit) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    /** Oldest first. */
    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    public synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> filter) {
        return entries.stream().filter(filter).toList();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
