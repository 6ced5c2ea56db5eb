package io.ticketbridge.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.config.Settings;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.ConnectorContext;
import io.ticketbridge.connector.ConnectorSandbox;
import io.ticketbridge.connector.DeskConnector;
import io.ticketbridge.connector.DeskMapper;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.store.Hub;
import io.ticketbridge.sync.Desks;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the connectors (ServiceLoader, {@code META-INF/services/io.ticketbridge.connector.Connector})
 * and wires each the same way: its platform into the catalog; for a desk, its mapper over
 * {@code config/mappings/<platform>.yaml} into the sync engine and its data formats bound as
 * {@code <platform>RecordFormat} / {@code <platform>NoteFormat} for the desk route templates; then its
 * own {@link Connector#install}. The sandboxes are discovered the same way. No platform is named here.
 */
final class ConnectorWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorWiring.class);

    private ConnectorWiring() {
    }

    static List<Connector> discover() {
        List<Connector> out = new ArrayList<>();
        ServiceLoader.load(Connector.class, ConnectorWiring.class.getClassLoader()).forEach(out::add);
        return out;
    }

    static void install(CamelContext camel, Settings settings, List<Connector> connectors, PlatformCatalog catalog,
                        Desks desks) {
        Path configDir = Path.of(settings.get("ticketbridge.config-dir", "config"));
        ConnectorContext ctx = new ConnectorContext() {
            @Override
            public CamelContext camel() {
                return camel;
            }

            @Override
            public String setting(String key, String fallback) {
                return settings.get(key, fallback);
            }

            @Override
            public Path configDir() {
                return configDir;
            }

            @Override
            public <T> T service(String name, Class<T> type) {
                T bean = camel.getRegistry().lookupByNameAndType(name, type);
                if (bean == null) {
                    throw new IllegalStateException("No runtime service '" + name + "' of type " + type.getName());
                }
                return bean;
            }

            @Override
            public void bind(String name, Object bean) {
                camel.getRegistry().bind(name, bean);
            }
        };
        for (Connector c : connectors) {
            catalog.register(c);
            if (c instanceof DeskConnector desk) {
                DeskMapper mapper = desk.mapper(configDir.resolve("mappings").resolve(c.platform() + ".yaml"));
                desks.register(desk, mapper);
                ctx.bind(c.platform() + "RecordFormat", desk.recordFormat(mapper));
                ctx.bind(c.platform() + "NoteFormat", desk.noteFormat(mapper));
            }
            c.install(ctx);
        }
        LOG.info("Connectors: {}", connectors.stream().map(Connector::platform).toList());
    }

    /** Starts every sandbox part that is enabled; a part that cannot start is logged and skipped. */
    static List<AutoCloseable> startSandboxes(Settings settings, Hub hub) {
        List<AutoCloseable> started = new ArrayList<>();
        if (!settings.getBoolean("ticketbridge.sandbox.enabled", false)) {
            return started;
        }
        for (ConnectorSandbox s : ServiceLoader.load(ConnectorSandbox.class, ConnectorWiring.class.getClassLoader())) {
            if (!settings.getBoolean("ticketbridge.sandbox." + s.key() + ".enabled", true)) {
                continue;
            }
            try {
                started.add(s.start(sandboxContext(settings, hub)));
            } catch (Exception e) {
                // e.g. its port is taken: the runtime itself still starts
                LOG.error("The {} sandbox did not start ({}); set its port (ticketbridge.sandbox.{}.*) or"
                        + " TICKETBRIDGE_SANDBOX_{}_ENABLED=false", s.title(), e.toString(), s.key(),
                        s.key().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return started;
    }

    private static io.ticketbridge.connector.SandboxContext sandboxContext(Settings settings, Hub hub) {
        return new io.ticketbridge.connector.SandboxContext() {
            @Override
            public String setting(String key, String fallback) {
                return settings.get(key, fallback);
            }

            @Override
            public String ensureIntegration(String platform, String name, String baseUrl, ObjectNode config,
                                            Map<String, String> credentials) {
                return hub.jdbi.inTransaction(h -> {
                    String space = hub.spaces.ensureDefault(h).id();
                    Optional<Integration> existing = hub.integrations.list(h, space, platform).stream()
                            .filter(i -> name.equals(i.name())).findFirst();
                    if (existing.isPresent()) {
                        ObjectNode merged = existing.get().config() == null ? Json.object()
                                : existing.get().config().deepCopy();
                        merged.setAll(config);
                        return hub.integrations.update(h, existing.get(), null, baseUrl, merged, credentials, null).id();
                    }
                    return hub.integrations.create(h, space, platform, name, baseUrl, config, credentials, true).id();
                });
            }
        };
    }
}
