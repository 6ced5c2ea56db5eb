package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The seed's two queue alarms, on a controlled clock. */
class QueueMonitorTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final List<String> events = new ArrayList<>();
    final MutableClock clock = new MutableClock();
    final QueueMonitor monitor = new QueueMonitor(() -> null, new QueueMonitor.AlarmSink() {
        @Override
        public void raised(String id, String space, String alarm, String message, Map<String, Object> detail) {
            events.add("raised " + alarm);
        }

        @Override
        public void cleared(String id, String space, String alarm, String message) {
            events.add("cleared " + alarm);
        }
    }, new QueueMonitor.Thresholds(10, Duration.ofMinutes(30), Duration.ofMinutes(60)), clock);

    static QueueMessage sentAt(Instant at) {
        return new QueueMessage("m", "r", "g", at.toEpochMilli(), "1", "d", 1, "Update", true, "{}", Map.of());
    }

    @Test
    void moreThanTenUnreadForThirtyMinutesRaisesOnceAndClearsWhenRead() {
        monitor.received("i", "s", "sqs", List.of(), OptionalLong.of(11), 0);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        monitor.received("i", "s", "sqs", List.of(), OptionalLong.of(12), 0);
        assertThat(events).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        monitor.received("i", "s", "sqs", List.of(), OptionalLong.of(15), 0);
        monitor.received("i", "s", "sqs", List.of(), OptionalLong.of(15), 0);
        assertThat(events).containsExactly("raised " + QueueMonitor.UNREAD);
        assertThat(monitor.describe("i").get("alarms")).isEqualTo(List.of(QueueMonitor.UNREAD));
        monitor.received("i", "s", "sqs", List.of(), OptionalLong.of(3), 0);
        assertThat(events).containsExactly("raised " + QueueMonitor.UNREAD, "cleared " + QueueMonitor.UNREAD);
    }

    @Test
    void anAverageAgeOverOneHourRaisesTheAgeAlarmAndOldestAgeIsReported() {
        Instant now = clock.now;
        monitor.received("i", "s", "sqs", List.of(sentAt(now.minus(Duration.ofMinutes(50))),
                sentAt(now.minus(Duration.ofMinutes(80)))), OptionalLong.of(2), 0);
        assertThat(events).containsExactly("raised " + QueueMonitor.MESSAGE_AGE);
        assertThat(monitor.describe("i").get("oldest_age_seconds")).isEqualTo(80L * 60);
        monitor.received("i", "s", "sqs", List.of(sentAt(now.minus(Duration.ofMinutes(5)))), OptionalLong.of(0), 0);
        assertThat(events).containsExactly("raised " + QueueMonitor.MESSAGE_AGE, "cleared " + QueueMonitor.MESSAGE_AGE);
    }
}
