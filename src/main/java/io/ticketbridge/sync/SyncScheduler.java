package io.ticketbridge.sync;

import io.ticketbridge.store.ScheduleStore;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import io.ticketbridge.model.Integration;
import io.ticketbridge.store.Hub;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled pulls (seed 000: manual, every N minutes, hourly at minute M, daily at HH:MM; plus a
 * cron expression). Quartz keeps the triggers in the hub database (JDBC job store, clustered on
 * PostgreSQL), so a schedule survives restarts, a run missed while down fires at start-up, and with
 * several nodes each run fires once. A firing only enqueues a durable sync job.
 */
public final class SyncScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    private static final String GROUP = "desk-sync";
    private static final String SCHEDULER_KEY = "ticketbridgeSyncScheduler";

    private final Scheduler quartz;
    private final Hub hub;
    private final SyncJobs jobs;
    private final ScheduleStore schedules;

    public SyncScheduler(Scheduler quartz, Hub hub, SyncJobs jobs, ScheduleStore schedules) throws SchedulerException {
        this.quartz = quartz;
        this.hub = hub;
        this.jobs = jobs;
        this.schedules = schedules;
        quartz.getContext().put(SCHEDULER_KEY, this);
    }

    /** A Quartz scheduler on the hub's own connection pool. */
    public static Scheduler create(DataSource dataSource, boolean postgres, String name) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider("hub", new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the hub store
            }

            @Override
            public void initialize() {
                // nothing to prepare
            }
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "hub");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // clustered only where several nodes share the store (PostgreSQL): a clustered store leaves the
        // triggers a stopped node had acquired until it declares that node dead (~30 s after a restart),
        // while a single-node store frees them at start-up
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(postgres));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "10000");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return new StdSchedulerFactory(p).getScheduler();
    }

    public Optional<ScheduleStore.Schedule> get(Integration i) {
        return hub.jdbi.withHandle(h -> schedules.get(h, i.id())).map(s -> s.withNextRun(nextRun(i.id())));
    }

    /** Stores the schedule and (re)arms its trigger. */
    public ScheduleStore.Schedule put(Integration i, ScheduleStore.Schedule s) throws SchedulerException {
        ScheduleStore.Schedule saved = hub.jdbi.inTransaction(h -> schedules.put(h, i.id(), s));
        arm(i.id(), saved);
        return saved.withNextRun(nextRun(i.id()));
    }

    public void remove(String integrationId) throws SchedulerException {
        quartz.deleteJob(JobKey.jobKey(integrationId, GROUP));
    }

    /** Enqueues a pull of everything changed now (PUT sync-schedule, and every firing). */
    public void runNow(Integration i) {
        jobs.enqueueSync(i);
        hub.jdbi.useTransaction(h -> schedules.ranAt(h, i.id(), Instant.now()));
    }

    private void arm(String integrationId, ScheduleStore.Schedule s) throws SchedulerException {
        JobKey key = JobKey.jobKey(integrationId, GROUP);
        quartz.deleteJob(key);
        if (!s.enabled() || "manual".equals(s.mode())) {
            return;
        }
        JobDetail job = newJob(ScheduledPull.class).withIdentity(key).usingJobData("integrationId", integrationId)
                .requestRecovery(true).build();
        ZoneId zone = ZoneId.of(s.timeZone() == null ? "UTC" : s.timeZone());
        var tb = newTrigger().withIdentity(TriggerKey.triggerKey(integrationId, GROUP)).forJob(key);
        Trigger trigger = switch (s.mode()) {
            case "interval" -> tb.startAt(Date.from(Instant.now().plusSeconds(s.intervalMinutes() * 60L)))
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(s.intervalMinutes())
                            .withMisfireHandlingInstructionFireNow()).build();
            case "hourly" -> tb.withSchedule(CronScheduleBuilder.cronSchedule("0 " + s.minuteOfHour() + " * * * ?")
                    .inTimeZone(java.util.TimeZone.getTimeZone(zone)).withMisfireHandlingInstructionFireAndProceed())
                    .build();
            case "daily" -> {
                String[] hm = s.timeOfDay().split(":");
                yield tb.withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(Integer.parseInt(hm[0]),
                        Integer.parseInt(hm[1])).inTimeZone(java.util.TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed()).build();
            }
            case "cron" -> tb.withSchedule(CronScheduleBuilder.cronSchedule(s.cron())
                    .inTimeZone(java.util.TimeZone.getTimeZone(zone)).withMisfireHandlingInstructionFireAndProceed())
                    .build();
            default -> throw new IllegalArgumentException("unknown schedule mode " + s.mode());
        };
        quartz.scheduleJob(job, trigger);
    }

    private Instant nextRun(String integrationId) {
        try {
            Trigger t = quartz.getTrigger(TriggerKey.triggerKey(integrationId, GROUP));
            return t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /** The Quartz job: one firing of one integration's schedule. */
    public static final class ScheduledPull implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                SyncScheduler scheduler = (SyncScheduler) context.getScheduler().getContext().get(SCHEDULER_KEY);
                String integrationId = context.getMergedJobDataMap().getString("integrationId");
                Integration i = scheduler.hub.jdbi.withHandle(h -> scheduler.hub.integrations.get(h, null,
                        integrationId)).orElse(null);
                if (i == null) {
                    scheduler.remove(integrationId);
                    return;
                }
                if (i.enabled()) {
                    scheduler.runNow(i);
                }
            } catch (SchedulerException | RuntimeException e) {
                LOG.error("Scheduled sync could not be queued", e);
            }
        }
    }
}
