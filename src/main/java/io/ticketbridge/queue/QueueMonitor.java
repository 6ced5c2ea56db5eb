package io.ticketbridge.queue;

import io.ticketbridge.model.QueueMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Queue health per integration: depth and age of the oldest message (as Micrometer gauges and in the
 * health check), message outcome counters, and the seed's two alarms: more than N unread messages for
 * M minutes (the queue is not being read), and an average message age over H minutes (messages are
 * not being deleted). An alarm is raised once when its condition starts and cleared when it ends.
 *
 * <p>Ages come from the SentTimestamp of the messages each receive returns (FIFO hands out the oldest
 * available first); depth is SQS's ApproximateNumberOfMessages, or for the HTTP queue API (which
 * reports no depth) the number of messages the last poll cycle read.
 */
public final class QueueMonitor {

    public static final String UNREAD = "ensono-queue-unread";
    public static final String MESSAGE_AGE = "ensono-queue-message-age";

    /** Where alarms go (log, audit, webhook). */
    public interface AlarmSink {
        void raised(String integrationId, String spaceId, String alarm, String message, Map<String, Object> detail);

        void cleared(String integrationId, String spaceId, String alarm, String message);
    }

    public record Thresholds(long unreadCount, Duration unreadFor, Duration averageAge) {
    }

    private static final class State {
        final AtomicLong depth = new AtomicLong(-1);
        final AtomicLong oldestAgeSeconds = new AtomicLong();
        final AtomicLong averageAgeSeconds = new AtomicLong();
        final AtomicLong parked = new AtomicLong();
        volatile String spaceId;
        volatile String transport;
        volatile Instant lastPollAt;
        volatile String lastError;
        volatile Instant lastErrorAt;
        volatile Instant unreadSince;
        volatile boolean unreadAlarm;
        volatile boolean ageAlarm;
        final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        /** The registered counters by outcome: registering (a registry lookup) once, not per message. */
        final Map<String, Counter> counters = new ConcurrentHashMap<>();
        volatile boolean metersRegistered;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Supplier<MeterRegistry> meters;
    private final AlarmSink alarms;
    private final Thresholds thresholds;
    private final Clock clock;

    public QueueMonitor(Supplier<MeterRegistry> meters, AlarmSink alarms, Thresholds thresholds, Clock clock) {
        this.meters = meters;
        this.alarms = alarms;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    private State state(String integrationId) {
        State s = states.computeIfAbsent(integrationId, k -> new State());
        if (!s.metersRegistered) {
            register(integrationId, s);
        }
        return s;
    }

    private synchronized void register(String id, State s) {
        if (s.metersRegistered) {
            return;
        }
        MeterRegistry r = meters == null ? null : meters.get();
        if (r == null) {
            return;
        }
        Gauge.builder("ticketbridge.ensono.queue.depth", s.depth, AtomicLong::get).tag("integration", id)
                .description("Approximate number of visible messages in the inbound queue (-1 unknown)").register(r);
        Gauge.builder("ticketbridge.ensono.queue.oldest.age.seconds", s.oldestAgeSeconds, AtomicLong::get)
                .tag("integration", id).description("Age of the oldest message seen in the inbound queue")
                .register(r);
        Gauge.builder("ticketbridge.ensono.queue.average.age.seconds", s.averageAgeSeconds, AtomicLong::get)
                .tag("integration", id).description("Average age of the messages of the last receive").register(r);
        Gauge.builder("ticketbridge.ensono.queue.parked", s.parked, AtomicLong::get).tag("integration", id)
                .description("Messages parked locally awaiting replay or discard").register(r);
        s.metersRegistered = true;
    }

    /** One message outcome (applied, skipped, duplicate, failed, parked). */
    public void count(String integrationId, String outcome) {
        State s = state(integrationId);
        s.outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        Counter c = s.counters.get(outcome);
        if (c == null) {
            MeterRegistry r = meters == null ? null : meters.get();
            if (r == null) {
                return;
            }
            c = s.counters.computeIfAbsent(outcome, k -> Counter.builder("ticketbridge.ensono.messages")
                    .tag("integration", integrationId).tag("outcome", k).register(r));
        }
        c.increment();
    }

    /** After each receive: ages from the batch, depth from the transport, then the alarms. */
    public void received(String integrationId, String spaceId, String transport, List<QueueMessage> batch,
                         OptionalLong depth, long parked) {
        State s = state(integrationId);
        Instant now = clock.instant();
        s.spaceId = spaceId;
        s.transport = transport;
        s.lastPollAt = now;
        s.lastError = null;
        s.parked.set(parked);
        if (!batch.isEmpty()) {
            long oldest = batch.stream().mapToLong(QueueMessage::sentTimestamp).filter(t -> t > 0).min()
                    .orElse(now.toEpochMilli());
            s.oldestAgeSeconds.set(Math.max(0, (now.toEpochMilli() - oldest) / 1000));
            s.averageAgeSeconds.set((long) batch.stream().filter(m -> m.sentTimestamp() > 0)
                    .mapToLong(m -> Math.max(0, now.toEpochMilli() - m.sentTimestamp())).average().orElse(0) / 1000);
        }
        if (depth.isPresent()) {
            s.depth.set(depth.getAsLong());
            if (depth.getAsLong() == 0 && batch.isEmpty()) {
                s.oldestAgeSeconds.set(0);
                s.averageAgeSeconds.set(0);
            }
        }
        evaluate(integrationId, s, now);
    }

    /** For transports without a depth: the number of messages one poll cycle read. */
    public void cycleRead(String integrationId, long read) {
        State s = state(integrationId);
        if ("http".equals(s.transport)) {
            s.depth.set(read);
            if (read == 0) {
                s.oldestAgeSeconds.set(0);
                s.averageAgeSeconds.set(0);
            }
            evaluate(integrationId, s, clock.instant());
        }
    }

    public void failed(String integrationId, String error) {
        State s = state(integrationId);
        s.lastError = error;
        s.lastErrorAt = clock.instant();
    }

    private void evaluate(String id, State s, Instant now) {
        long depth = s.depth.get();
        if (depth > thresholds.unreadCount()) {
            if (s.unreadSince == null) {
                s.unreadSince = now;
            }
            if (!s.unreadAlarm && !now.isBefore(s.unreadSince.plus(thresholds.unreadFor()))) {
                s.unreadAlarm = true;
                alarms.raised(id, s.spaceId, UNREAD, "More than " + thresholds.unreadCount() + " unread messages for "
                        + thresholds.unreadFor().toMinutes() + " min: the queue is not being read fast enough",
                        detail(s));
            }
        } else if (depth >= 0) {
            s.unreadSince = null;
            if (s.unreadAlarm) {
                s.unreadAlarm = false;
                alarms.cleared(id, s.spaceId, UNREAD, "Unread messages back to " + depth);
            }
        }
        long avg = s.averageAgeSeconds.get();
        if (avg > thresholds.averageAge().toSeconds()) {
            if (!s.ageAlarm) {
                s.ageAlarm = true;
                alarms.raised(id, s.spaceId, MESSAGE_AGE, "Average message age " + avg + " s is over "
                        + thresholds.averageAge().toMinutes() + " min: messages are not being deleted", detail(s));
            }
        } else if (s.ageAlarm) {
            s.ageAlarm = false;
            alarms.cleared(id, s.spaceId, MESSAGE_AGE, "Average message age back to " + avg + " s");
        }
    }

    private static Map<String, Object> detail(State s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("depth", s.depth.get());
        d.put("oldest_age_seconds", s.oldestAgeSeconds.get());
        d.put("average_age_seconds", s.averageAgeSeconds.get());
        d.put("transport", s.transport);
        return d;
    }

    /** What the health check and the API show for one integration. */
    public Map<String, Object> describe(String integrationId) {
        State s = states.get(integrationId);
        Map<String, Object> d = new LinkedHashMap<>();
        if (s == null) {
            d.put("polled", false);
            return d;
        }
        d.put("polled", s.lastPollAt != null);
        d.put("transport", s.transport);
        d.put("depth", s.depth.get());
        d.put("oldest_age_seconds", s.oldestAgeSeconds.get());
        d.put("average_age_seconds", s.averageAgeSeconds.get());
        d.put("parked", s.parked.get());
        d.put("last_poll_at", s.lastPollAt == null ? null : s.lastPollAt.toString());
        d.put("last_error", s.lastError);
        d.put("alarms", alarmsOf(s));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        s.outcomes.forEach((k, v) -> outcomes.put(k, v.get()));
        d.put("messages", outcomes);
        return d;
    }

    private static List<String> alarmsOf(State s) {
        List<String> a = new java.util.ArrayList<>();
        if (s.unreadAlarm) {
            a.add(UNREAD);
        }
        if (s.ageAlarm) {
            a.add(MESSAGE_AGE);
        }
        return a;
    }

    /** True when the last receive of this integration failed (queue unreachable). */
    public boolean failing(String integrationId) {
        State s = states.get(integrationId);
        return s != null && s.lastError != null;
    }

    public java.util.Set<String> integrations() {
        return states.keySet();
    }
}
