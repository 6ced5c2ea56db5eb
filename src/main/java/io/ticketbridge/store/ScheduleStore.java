package io.ticketbridge.store;

import static java.util.Objects.requireNonNullElse;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ticketbridge.model.Ids;
import org.jdbi.v3.core.Handle;

/** The stored definition of each integration's sync schedule (Quartz holds the armed trigger). */
public final class ScheduleStore {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(String mode, @JsonProperty("interval_minutes") Integer intervalMinutes,
                           @JsonProperty("minute") Integer minuteOfHour, @JsonProperty("time") String timeOfDay,
                           @JsonProperty("timezone") String timeZone, String cron, boolean enabled,
                           @JsonProperty("last_run_at") Instant lastRunAt,
                           @JsonProperty("next_run_at") Instant nextRunAt) {
        public Schedule withNextRun(Instant next) {
            return new Schedule(mode, intervalMinutes, minuteOfHour, timeOfDay, timeZone, cron, enabled, lastRunAt,
                    next);
        }
    }

    public Optional<Schedule> get(Handle h, String integrationId) {
        return h.createQuery("select * from sync_schedules where integration_id=:i").bind("i", integrationId)
                .map((rs, c) -> {
                    String mode = rs.getString("mode");
                    String cron = null;
                    String time = rs.getString("time_of_day");
                    if ("cron".equals(mode)) {
                        cron = time;
                        time = null;
                    }
                    Timestamp last = rs.getTimestamp("last_run_at");
                    return new Schedule(mode, (Integer) rs.getObject("interval_minutes"),
                            (Integer) rs.getObject("minute_of_hour"), time, rs.getString("time_zone"), cron,
                            rs.getBoolean("enabled"), last == null ? null : last.toInstant(), null);
                }).findOne();
    }

    public Schedule put(Handle h, String integrationId, Schedule s) {
        Timestamp now = Timestamp.from(Instant.now());
        String timeColumn = "cron".equals(s.mode()) ? s.cron() : s.timeOfDay();
        int n = h.createUpdate("update sync_schedules set mode=:m, interval_minutes=:iv, minute_of_hour=:mh,"
                        + " time_of_day=:t, time_zone=:z, enabled=:e, updated_at=:now where integration_id=:i")
                .bind("m", s.mode()).bind("iv", s.intervalMinutes()).bind("mh", s.minuteOfHour()).bind("t", timeColumn)
                .bind("z", s.timeZone()).bind("e", s.enabled()).bind("now", now).bind("i", integrationId).execute();
        if (n == 0) {
            h.createUpdate("insert into sync_schedules (id, integration_id, mode, interval_minutes, minute_of_hour,"
                            + " time_of_day, time_zone, enabled, created_at, updated_at) values (:id, :i, :m, :iv, :mh,"
                            + " :t, :z, :e, :now, :now)")
                    .bind("id", Ids.newId()).bind("m", s.mode()).bind("iv", s.intervalMinutes())
                    .bind("mh", s.minuteOfHour()).bind("t", timeColumn).bind("z", requireNonNullElse(s.timeZone(), "UTC"))
                    .bind("e", s.enabled()).bind("now", now).bind("i", integrationId).execute();
        }
        return get(h, integrationId).orElseThrow();
    }

    public void ranAt(Handle h, String integrationId, Instant at) {
        h.createUpdate("update sync_schedules set last_run_at=:at where integration_id=:i")
                .bind("at", Timestamp.from(at)).bind("i", integrationId).execute();
    }
}
