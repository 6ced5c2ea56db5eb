package io.ticketbridge.sandbox.sdp;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Scripted misbehaviour, one entry per upcoming API request, in the order scheduled: so
 * {@code failNext(1,...)} then {@code resetConnectionNext(1)} fails the next call and drops the one after.
 */
final class FaultInjector {

    sealed interface Fault permits Fail, Delay, Reset {
    }

    record Fail(int status, Map<String, String> headers, String body) implements Fault {
    }

    record Delay(Duration delay) implements Fault {
    }

    record Reset() implements Fault {
    }

    private final Queue<Fault> pending = new ConcurrentLinkedQueue<>();

    void schedule(int count, Fault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        for (int i = 0; i < count; i++) {
            pending.add(fault);
        }
    }

    /** The fault for the request being handled now, or null to behave normally. */
    Fault next() {
        return pending.poll();
    }

    int pendingCount() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }
}
