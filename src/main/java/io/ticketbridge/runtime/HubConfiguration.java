package io.ticketbridge.runtime;

import io.ticketbridge.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ticketbridge.api.ApiDispatcher;
import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.api.AuditApi;
import io.ticketbridge.api.AuthFailures;
import io.ticketbridge.api.Authenticator;
import io.ticketbridge.api.IntegrationsApi;
import io.ticketbridge.api.JobsApi;
import io.ticketbridge.api.RateLimiter;
import io.ticketbridge.api.SpacesApi;
import io.ticketbridge.api.SystemApi;
import io.ticketbridge.api.TicketsApi;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.component.support.IntegrationDirectory;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.component.support.RateGovernor;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Space;
import io.ticketbridge.outbox.CamelJobExecutor;
import io.ticketbridge.outbox.CircuitBreakers;
import io.ticketbridge.outbox.OutboxDrainer;
import io.ticketbridge.outbox.RetryPolicy;
import io.ticketbridge.security.CredentialCipher;
import io.ticketbridge.security.MasterKeys;
import io.ticketbridge.security.SecretMasker;
import io.ticketbridge.store.ActivityStore;
import io.ticketbridge.store.AuditStore;
import io.ticketbridge.store.Database;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.InboxStore;
import io.ticketbridge.store.IntegrationStore;
import io.ticketbridge.store.JobStore;
import io.ticketbridge.store.SpaceStore;
import io.ticketbridge.store.SyncLogStore;
import io.ticketbridge.store.TicketStore;
import io.ticketbridge.sync.Desks;
import io.ticketbridge.sync.SyncModule;
import io.ticketbridge.api.desk.DeskApis;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the runtime: hub store, security, outbox, connectors' shared parts and the management
 * API, and binds what the YAML routes refer to ({@code apiDispatcher}, {@code outboxDrainer}, ...).
 */

public class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        StartupChecks.enforce(settings);
        Path dataDir = Path.of(settings.get("ticketbridge.data-dir", "data")).toAbsolutePath();

        // the HTTP servers camel-main starts take their Vert.x from the registry: this one applies our limits
        HttpServerGuard vertx = new HttpServerGuard(new HttpServerGuard.Limits(
                settings.getMillis("ticketbridge.http.idle-timeout-ms", 30_000),
                settings.getMillis("ticketbridge.http.header-timeout-ms", 10_000),
                settings.getMillis("ticketbridge.http.body-timeout-ms", 60_000),
                settings.getInt("ticketbridge.http.max-header-bytes", 8192),
                settings.getInt("ticketbridge.http.max-request-line-bytes", 4096)));
        context.getRegistry().bind("vertx", io.vertx.core.Vertx.class, vertx);
        Database database = Database.open(settings);
        CredentialCipher cipher = new CredentialCipher(masterKey(settings, dataDir));
        Hub hub = new Hub(database, new SpaceStore(),
                new TicketStore(settings.get("ticketbridge.tickets.number-prefix", "TB-")), new ActivityStore(),
                new IntegrationStore(cipher), new JobStore(database.jdbi()), new InboxStore(database.jdbi()),
                new AuditStore(database.jdbi()), new SyncLogStore(database.jdbi()));
        Space defaultSpace = hub.jdbi.inTransaction(hub.spaces::ensureDefault);
        String adminKeyHash = AdminKey.resolveHash(settings, hub, dataDir);

        PlatformCatalog catalog = new PlatformCatalog();
        DeskHttpClient http = new DeskHttpClient(hub.audit, new RateGovernor());
        IntegrationDirectory directory = new IntegrationDirectory() {
            @Override
            public Optional<Integration> find(String id) {
                return hub.jdbi.withHandle(h -> hub.integrations.get(h, null, id));
            }

            @Override
            public Map<String, String> credentials(Integration integration) {
                return hub.integrations.credentials(integration);
            }
        };

        RetryPolicy retry = new RetryPolicy(settings.getInt("ticketbridge.jobs.retry.max-retries", 3),
                settings.getMillis("ticketbridge.jobs.retry.initial-delay-ms", 1000),
                Double.parseDouble(settings.get("ticketbridge.jobs.retry.multiplier", "2")),
                settings.getMillis("ticketbridge.jobs.retry.max-delay-ms", 30_000),
                settings.getMillis("ticketbridge.jobs.retry.max-retry-after-ms", 3_600_000));
        Duration openWait = settings.getMillis("ticketbridge.jobs.breaker.open-wait-ms", 30_000);
        CircuitBreakers breakers = new CircuitBreakers(settings.getInt("ticketbridge.jobs.breaker.failure-rate", 50),
                settings.getInt("ticketbridge.jobs.breaker.window", 10),
                settings.getInt("ticketbridge.jobs.breaker.minimum-calls", 5), openWait);
        OutboxDrainer drainer = new OutboxDrainer(hub.jobs, new CamelJobExecutor(context.createProducerTemplate()),
                retry, breakers, openWait, settings.getMillis("ticketbridge.jobs.lease-ms", 120_000),
                settings.getInt("ticketbridge.jobs.lanes", 8), directory::find, hub.syncLogs);
        if (database.isH2()) {
            int recovered = hub.jobs.recoverInFlight();
            if (recovered > 0) {
                LOG.info("{} job(s) were in flight when the previous run stopped; they are pending again", recovered);
            }
        }

        TicketService tickets = new TicketService(hub);
        ApiSupport support = new ApiSupport(hub, defaultSpace.id());
        Authenticator authenticator = new Authenticator(adminKeyHash, hub.jdbi, hub.spaces);
        RateLimiter limiter = new RateLimiter();
        SpaceLimits limits = new SpaceLimits(hub, settings);
        limiter.onReset(limits::invalidate);
        ConnectorGateway gateway = new ConnectorGateway(context.createProducerTemplate(), catalog);
        ApiRoutes routes = new ApiRoutes();
        new SystemApi(version()).register(routes);
        new SpacesApi(hub, authenticator, limiter).register(routes);
        new TicketsApi(support, tickets, settings.getLong("ticketbridge.attachments.max-bytes", 10L << 20))
                .register(routes);
        new IntegrationsApi(support, catalog, gateway, drainer).register(routes);
        new JobsApi(support, catalog, drainer).register(routes);
        new AuditApi(hub.audit).register(routes);

        var registry = context.getRegistry();
        registry.bind("hub", hub);
        registry.bind("settings", settings);
        registry.bind("ticketService", tickets);
        registry.bind("platformCatalog", catalog);
        registry.bind("apiRoutes", routes);
        registry.bind("apiSupport", support);
        registry.bind("outboxDrainer", drainer);
        registry.bind("deskHttpClient", http);
        registry.bind("connectorGateway", gateway);
        registry.bind(IntegrationDirectory.BEAN_NAME, directory);
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(database));
        registry.bind("storeRetention", new StoreRetention(hub.inbox,
                Duration.ofDays(settings.getLong("ticketbridge.inbox.retention-days", 15)), java.time.Clock.systemUTC()));

        // the connectors, discovered; the shared sync engine and desk API over whichever desks they are
        Desks desks = new Desks();
        ConnectorWiring.install(context, settings, ConnectorWiring.discover(), catalog, desks);
        try {
            SyncModule.Engine engine = SyncModule.install(context, settings.get("camel.main.name", "ticketbridge"),
                    hub, tickets, desks, retry);
            DeskApis.register(routes, support, catalog, desks, drainer, engine, tickets, gateway,
                    settings.getMillis("ticketbridge.sync.api-wait-ms", 20_000),
                    settings.getLong("ticketbridge.attachments.max-bytes", 10L << 20));
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException("Cannot create the sync scheduler: " + e.getMessage(), e);
        }
        AuthFailures authFailures = new AuthFailures(hub.audit,
                settings.getMillis("ticketbridge.audit.auth-failure-window-ms", 60_000), java.time.Clock.systemUTC());
        ApiDispatcher dispatcher = new ApiDispatcher(routes, authenticator, limiter, limits::target, hub.audit,
                authFailures, settings.getLong("ticketbridge.api.max-json-bytes", 1L << 20));
        registry.bind("apiDispatcher", dispatcher);
        registry.bind("authFailures", authFailures);
        List<AutoCloseable> sandboxes = ConnectorWiring.startSandboxes(settings, hub);

        Duration grace = settings.getMillis("ticketbridge.jobs.shutdown-grace-ms", 20_000);
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    drainer.stop(grace);
                    authFailures.close();
                } else if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    sandboxes.forEach(HubConfiguration::closeQuietly);
                    database.close();
                    vertx.close();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent
                        || event instanceof CamelEvent.CamelContextStoppedEvent;
            }
        });
        LOG.info("TicketBridge {} assembled (profile {}, store {}, data {})", version(), settings.profile(),
                database.vendor(), dataDir);
    }

    private static byte[] masterKey(Settings settings, Path dataDir) {
        Optional<String> configured = settings.find("ticketbridge.master-key");
        if (configured.isPresent()) {
            SecretMasker.registerProcessSecret(configured.get());
            return MasterKeys.parse(configured.get());
        }
        Path file = Path.of(settings.get("ticketbridge.master-key-file", dataDir.resolve("master.key").toString()));
        return MasterKeys.fromFile(file, !settings.isProd())
                .orElseThrow(() -> new StartupRefusedException("missing TICKETBRIDGE_MASTER_KEY"));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing a sandbox part: {}", e.toString());
        }
    }

    static String version() {
        String v = HubConfiguration.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @BindToRegistry("ticketbridgeVersion")
    public String ticketbridgeVersion() {
        return version();
    }
}
