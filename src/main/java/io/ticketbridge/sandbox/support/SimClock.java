package io.ticketbridge.sandbox.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulator's time source: a base clock plus an offset tests move forward, so token expiry, rate windows and
 * timestamps change without waiting. {@link #system()} keeps real time flowing (what rate-limit benchmarks need);
 * {@link #fixed(Instant)} stands still until advanced (what exact timestamp assertions need).
 */
public final class SimClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    private SimClock(Clock base) {
        this.base = base;
    }

    public static SimClock system() {
        return new SimClock(Clock.systemUTC());
    }

    public static SimClock fixed(Instant start) {
        return new SimClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** Moves time forward (a negative duration moves it back, which only tests of odd clients want). */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
