package io.ticketbridge.sandbox.servicenow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ServiceNow's stored date-time form: {@code yyyy-MM-dd HH:mm:ss} in UTC, whole seconds. */
final class SnTime {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Clock clock;

    SnTime(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    Instant instant() {
        return clock.instant();
    }

    String now() {
        return format(clock.instant());
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
