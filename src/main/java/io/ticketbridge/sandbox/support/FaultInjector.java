package io.ticketbridge.sandbox.support;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Scripted misbehaviour, one entry per upcoming request in the fault scope, taken in the order scheduled: so
 * {@code failNext(1, ...)} then {@code resetConnectionNext(1)} fails the next call and drops the one after.
 * {@link LoopbackHttpServer} applies the entries; a simulator only decides which paths are in scope.
 */
public final class FaultInjector {

    /** What happens to one request. */
    public sealed interface Fault permits Fail, Delay, Reset {
    }

    /** Answer this instead of handling the request. */
    public record Fail(int status, Map<String, String> headers, String body) implements Fault {
        public Fail {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? "" : body;
        }
    }

    /** Hold the request for a while, then handle it normally. */
    public record Delay(Duration delay) implements Fault {
    }

    /** Close the connection without writing a response byte. */
    public record Reset() implements Fault {
    }

    private final Queue<Fault> pending = new ConcurrentLinkedQueue<>();

    public void delayNext(int count, Duration delay) {
        schedule(count, new Delay(delay));
    }

    public void failNext(int count, int status, Map<String, String> headers, String body) {
        schedule(count, new Fail(status, headers, body));
    }

    /**
     * Each attempt uses one entry: the JDK HttpClient silently retries an idempotent request (GET) once after a
     * closed connection, so a client only sees the reset of a GET with 2 entries.
     */
    public void resetConnectionNext(int count) {
        schedule(count, new Reset());
    }

    public void schedule(int count, Fault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        for (int i = 0; i < count; i++) {
            pending.add(fault);
        }
    }

    /** The fault for the request being handled now, or null to behave normally. */
    public Fault next() {
        return pending.poll();
    }

    public int pendingCount() {
        return pending.size();
    }

    public void clear() {
        pending.clear();
    }
}
