package io.ticketbridge.sandbox.ensono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The simulator's clock; injectable so tests can expire pre-signed URLs without waiting. */
final class SimTime {

    private final Clock clock;

    SimTime(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Bridge timestamps: ISO-8601 UTC to the second, e.g. {@code 2023-01-27T22:24:53Z}. */
    String isoNow() {
        return now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
