package io.ticketbridge.sandbox.sdp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Bounded log of received requests; the oldest go first so long benchmarks do not exhaust memory. */
final class RequestJournal {

    private final int limit;
    private final Deque<RecordedRequest> entries = new ArrayDeque<>();

    RequestJournal(int limit) {
        this.limit = limit;
    }

    synchronized void add(RecordedRequest request) {
        if (limit <= 0) {
            return;
        }
        if (entries.size() == limit) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
