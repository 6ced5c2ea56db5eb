package io.ticketbridge.sandbox.ensono;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Scripted misbehaviour for the next requests to the bridge API. The three kinds are independent queues,
 * so one request can be both delayed and failed; a connection reset wins over a scripted failure.
 */
final class FaultInjector {

    /** What to do to one request; {@code delay} may be zero, {@code failure} null. */
    record Plan(Duration delay, boolean reset, Failure failure) {
        static final Plan NONE = new Plan(Duration.ZERO, false, null);
    }

    record Failure(int status, String body) {
    }

    private final Deque<Duration> delays = new ArrayDeque<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private int resets;

    synchronized void delayNext(int n, Duration delay) {
        requirePositive(n);
        for (int i = 0; i < n; i++) {
            delays.addLast(delay);
        }
    }

    synchronized void failNext(int n, int status, String body) {
        requirePositive(n);
        for (int i = 0; i < n; i++) {
            failures.addLast(new Failure(status, body));
        }
    }

    synchronized void resetConnectionNext(int n) {
        requirePositive(n);
        resets += n;
    }

    synchronized Plan next() {
        if (delays.isEmpty() && failures.isEmpty() && resets == 0) {
            return Plan.NONE;
        }
        Duration delay = delays.isEmpty() ? Duration.ZERO : delays.removeFirst();
        boolean reset = resets > 0;
        if (reset) {
            resets--;
        }
        Failure failure = reset || failures.isEmpty() ? null : failures.removeFirst();
        return new Plan(delay, reset, failure);
    }

    synchronized void clear() {
        delays.clear();
        failures.clear();
        resets = 0;
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
    }
}
