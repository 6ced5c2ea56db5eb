package io.ticketbridge.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.api.desk.DeskActivityApi;
import io.ticketbridge.api.desk.DeskAdminApi;
import io.ticketbridge.api.desk.DeskApi;
import io.ticketbridge.api.desk.DeskCalls;
import io.ticketbridge.api.desk.DeskConfigApi;
import io.ticketbridge.api.desk.DeskTransferApi;
import io.ticketbridge.api.desk.DeskWebhookApi;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.dataformat.servicedeskplus.SdpDeskMapper;
import io.ticketbridge.dataformat.servicedeskplus.SdpNoteDataFormat;
import io.ticketbridge.dataformat.servicedeskplus.SdpRequestDataFormat;
import io.ticketbridge.dataformat.servicedeskplus.SdpRequestMapper;
import io.ticketbridge.dataformat.support.ValueTables;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.outbox.OutboxDrainer;
import io.ticketbridge.outbox.RetryPolicy;
import io.ticketbridge.config.Settings;
import io.ticketbridge.sandbox.SdpSandbox;
import io.ticketbridge.store.Hub;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires two-way service desk sync: the ServiceDesk Plus connector's mapping, the sync beans, schedules, API. */
public final class SyncModule {

    private static final Logger LOG = LoggerFactory.getLogger(SyncModule.class);

    private SyncModule() {
    }

    public static void install(CamelContext context, Settings settings, Hub hub, TicketService tickets,
                               PlatformCatalog catalog, ApiRoutes routes, ApiSupport support, OutboxDrainer drainer,
                               ConnectorGateway gateway, RetryPolicy retry) throws SchedulerException {
        Path configDir = Path.of(settings.get("ticketbridge.config-dir", "config"));
        SdpDeskMapper sdp = new SdpDeskMapper(new SdpRequestMapper(
                new ValueTables(configDir.resolve("mappings").resolve("servicedeskplus.yaml"))));
        Desks desks = new Desks();
        desks.register(sdp);
        catalog.register(new PlatformCatalog.Platform("servicedeskplus", "ManageEngine ServiceDesk Plus",
                "servicedeskplus", true, List.of(),
                Set.of("push", "update", "sync", "delete", "comment", "attachment", "time_log", "resolution", "link"),
                Set.of("test", "getRequest", "listRequests", "listNotes", "listAttachments", "listWorklogs",
                        "getResolution", "listLinks", "addNote", "updateRequest", "closeRequest"),
                List.of("manageengine-servicedesk", "servicedesk-plus")));

        SyncJobs jobs = new SyncJobs(hub, retry);
        RemoteChanges remoteChanges = new RemoteChanges(hub, tickets);
        hub.addListener(new DeskListener(hub, desks, jobs));
        var registry = context.getRegistry();
        registry.bind("desks", desks);
        registry.bind("syncJobs", jobs);
        registry.bind("sdpRequestFormat", new SdpRequestDataFormat(sdp));
        registry.bind("sdpNoteFormat", new SdpNoteDataFormat(sdp));
        registry.bind("pushPlanner", new PushPlanner(hub, desks, remoteChanges));
        ActivitySync activity = new ActivitySync(hub, desks, tickets);
        registry.bind("pullFlow", new PullFlow(hub, desks, tickets, remoteChanges, jobs, activity));
        registry.bind("activitySync", activity);
        registry.bind("linkFlow", new LinkFlow(hub));

        Scheduler quartz = SyncScheduler.create(hub.database.dataSource(), !hub.database.isH2(),
                settings.get("camel.main.name", "ticketbridge"));
        SyncScheduler scheduler = new SyncScheduler(quartz, hub, jobs, new ScheduleStore());
        registry.bind("syncScheduler", scheduler);

        DeskCalls calls = new DeskCalls(support, catalog, desks, drainer, jobs, tickets,
                settings.getMillis("ticketbridge.sync.api-wait-ms", 20_000));
        new DeskConfigApi(calls).register(routes);
        new DeskApi(calls, gateway).register(routes);
        new DeskActivityApi(calls, gateway, settings.getLong("ticketbridge.attachments.max-bytes", 10L << 20))
                .register(routes);
        new DeskAdminApi(calls, scheduler).register(routes);
        new DeskTransferApi(calls, scheduler).register(routes);
        new DeskWebhookApi(calls).register(routes);

        SdpSandbox sandbox = startSandbox(settings, hub, support.defaultSpaceId());
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws SchedulerException {
                if (event instanceof CamelEvent.CamelContextStartedEvent) {
                    quartz.start();
                    LOG.info("Sync schedules active (Quartz, JDBC job store)");
                } else if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    quartz.shutdown(true);
                } else if (event instanceof CamelEvent.CamelContextStoppedEvent && sandbox != null) {
                    sandbox.close();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent
                        || event instanceof CamelEvent.CamelContextStoppingEvent
                        || event instanceof CamelEvent.CamelContextStoppedEvent;
            }
        });
    }

    private static SdpSandbox startSandbox(Settings settings, Hub hub, String spaceId) {
        if (!settings.getBoolean("ticketbridge.sandbox.enabled", false)
                || !settings.getBoolean("ticketbridge.sandbox.sdp.enabled", true)) {
            return null;
        }
        try {
            return SdpSandbox.start(settings, hub, spaceId);
        } catch (RuntimeException e) {
            // e.g. the port is taken: the runtime itself still starts
            LOG.error("The ServiceDesk Plus sandbox did not start ({}); set ticketbridge.sandbox.sdp.port or"
                    + " TICKETBRIDGE_SANDBOX_SDP_ENABLED=false", e.toString());
            return null;
        }
    }

}
