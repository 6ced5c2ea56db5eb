package io.ticketbridge.sandbox.ensono;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Log of received requests, oldest dropped beyond a limit so long benchmark runs do not grow without
 * bound.
 */
final class RequestJournal {

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private final int limit;

    RequestJournal(int limit) {
        this.limit = limit;
    }

    synchronized void record(RecordedRequest request) {
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
