package io.ticketbridge.ensono;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.component.support.IntegrationDirectory;
import io.ticketbridge.dataformat.ensono.EnsonoTables;
import io.ticketbridge.dataformat.ensono.EnsonoTicketDataFormat;
import io.ticketbridge.dataformat.ensono.EnsonoTicketMapper;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.store.ParkingStore;
import io.ticketbridge.queue.QueueMonitor;
import io.ticketbridge.config.Settings;
import io.ticketbridge.store.Hub;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Wires the Ensono bridge into the runtime: the platform, the hub listener (triggering), the beans
 * the {@code ensono-job} and {@code ensono-inbound} routes use, the queue health check and metrics,
 * the operators' API. Installed by {@link EnsonoConnector} (the sandbox registers on its own).
 */
public final class EnsonoModule {

    private EnsonoModule() {
    }

    static void install(CamelContext context, Settings settings, Hub hub, TicketService tickets,
                        ApiRoutes routes, DeskHttpClient http, IntegrationDirectory directory) {
        EnsonoSettings s = EnsonoSettings.from(settings);
        ReloadingYaml<EnsonoTables> tables = new ReloadingYaml<>(s.mappingFile(), EnsonoTables::parse);
        ReloadingYaml<EnsonoRules> rules = new ReloadingYaml<>(s.rulesFile(), EnsonoRules::parse);
        EnsonoTicketMapper mapper = new EnsonoTicketMapper(tables::get);
        EnsonoBridge bridge = new EnsonoBridge(hub, tickets, mapper, rules, s);
        hub.addListener(new EnsonoHubListener(bridge));

        QueueMonitor monitor = new QueueMonitor(meterRegistry(context),
                new EnsonoAlarms(hub.audit, http, s.alarmWebhookUrl()),
                new QueueMonitor.Thresholds(s.alarmUnreadThreshold(), Duration.ofMinutes(s.alarmUnreadMinutes()),
                        Duration.ofMinutes(s.alarmAverageAgeMinutes())), Clock.systemUTC());
        EnsonoInbound inbound = new EnsonoInbound(context, bridge, http, directory, new ParkingStore(hub.jdbi), monitor);
        new EnsonoApi(bridge, inbound, hub.audit).register(routes);

        var registry = context.getRegistry();
        registry.bind("ensonoBridge", bridge);
        registry.bind("ensonoOutbound", new EnsonoOutbound(bridge, context.createProducerTemplate()));
        registry.bind("ensonoTicket", new EnsonoTicketDataFormat(mapper));
        registry.bind("ensonoInbound", inbound);
        registry.bind("ensonoQueueHealthCheck", new EnsonoQueueHealthCheck(bridge, inbound));

        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    inbound.stop();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }
        });
    }

    /** The metrics registry once it is bound (looked up until then, then remembered: it is asked per batch). */
    private static Supplier<MeterRegistry> meterRegistry(CamelContext context) {
        AtomicReference<MeterRegistry> found = new AtomicReference<>();
        return () -> {
            MeterRegistry r = found.get();
            if (r == null) {
                Set<MeterRegistry> all = context.getRegistry().findByType(MeterRegistry.class);
                r = all.isEmpty() ? null : all.iterator().next();
                found.compareAndSet(null, r);
            }
            return r;
        };
    }
}
