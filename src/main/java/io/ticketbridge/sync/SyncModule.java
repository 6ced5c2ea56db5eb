package io.ticketbridge.sync;

import io.ticketbridge.store.ScheduleStore;

import io.ticketbridge.hub.TicketService;
import io.ticketbridge.outbox.RetryPolicy;
import io.ticketbridge.store.Hub;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the shared two-way sync over whatever desks are registered: the beans the desk route templates
 * call (pushPlanner, pullFlow, activitySync, linkFlow), the hub listener that queues pushes, and the
 * Quartz schedules. It knows no platform.
 */
public final class SyncModule {

    private static final Logger LOG = LoggerFactory.getLogger(SyncModule.class);

    /** What the desk API needs from the engine. */
    public record Engine(SyncJobs jobs, SyncScheduler scheduler) {
    }

    private SyncModule() {
    }

    public static Engine install(CamelContext context, String schedulerName, Hub hub, TicketService tickets,
                                 Desks desks, RetryPolicy retry) throws SchedulerException {
        SyncJobs jobs = new SyncJobs(hub, retry);
        RemoteChanges remoteChanges = new RemoteChanges(hub, tickets);
        hub.addListener(new DeskListener(hub, desks, jobs));
        var registry = context.getRegistry();
        registry.bind("desks", desks);
        registry.bind("syncJobs", jobs);
        registry.bind("pushPlanner", new PushPlanner(hub, desks, remoteChanges));
        ActivitySync activity = new ActivitySync(hub, desks, tickets);
        registry.bind("pullFlow", new PullFlow(hub, desks, tickets, remoteChanges, jobs, activity));
        registry.bind("activitySync", activity);
        registry.bind("linkFlow", new LinkFlow(hub, desks));

        Scheduler quartz = SyncScheduler.create(hub.database.dataSource(), !hub.database.isH2(), schedulerName);
        SyncScheduler scheduler = new SyncScheduler(quartz, hub, jobs, new ScheduleStore());
        registry.bind("syncScheduler", scheduler);
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws SchedulerException {
                if (event instanceof CamelEvent.CamelContextStartedEvent) {
                    quartz.start();
                    LOG.info("Sync schedules active (Quartz, JDBC job store)");
                } else if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    quartz.shutdown(true);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent
                        || event instanceof CamelEvent.CamelContextStoppingEvent;
            }
        });
        return new Engine(jobs, scheduler);
    }
}
