package io.ticketbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ticketbridge.TicketBridge;
import io.ticketbridge.runtime.RuntimeLayout;
import io.ticketbridge.store.Hub;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Boots the real runtime in-process: the repo's config/ and routes/, a real H2 file database in a
 * temporary data directory, the HTTP server on a free loopback port. Restartable on the same data.
 */
public final class TestRuntime implements AutoCloseable {

    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    public static final String MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final Path dataDir;
    private final Map<String, String> overrides;
    private final int port;
    private final int managementPort;
    private Main main;

    private TestRuntime(Path dataDir, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.overrides = overrides;
        this.port = freePort();
        this.managementPort = freePort();
    }

    public static TestRuntime start() {
        return start(Map.of());
    }

    public static TestRuntime start(Map<String, String> overrides) {
        try {
            TestRuntime rt = new TestRuntime(Files.createTempDirectory("tb-test-"), new LinkedHashMap<>(overrides));
            rt.boot();
            return rt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot() {
        RuntimeLayout layout = new RuntimeLayout(Path.of("config").toAbsolutePath(),
                Path.of(overrides.getOrDefault("ticketbridge.routes-dir", "routes")).toAbsolutePath(),
                dataDir, overrides.getOrDefault("ticketbridge.profile", RuntimeLayout.DEFAULT_PROFILE));
        main = new Main(TicketBridge.class);
        layout.applyTo(main);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.server.host", "127.0.0.1");
        props.put("camel.management.port", String.valueOf(managementPort));
        props.put("camel.management.host", "127.0.0.1");
        props.put("camel.main.routes-reload-enabled", "false");
        props.put("camel.main.shutdown-timeout", "10");
        props.put("ticketbridge.admin-key", ADMIN_KEY);
        props.put("ticketbridge.master-key", MASTER_KEY);
        props.put("ticketbridge.jobs.poll-interval-ms", "100");
        props.put("ticketbridge.rate-limit.per-minute", "100000");
        props.put("ticketbridge.rate-limit.per-hour", "1000000");
        props.put("ticketbridge.rate-limit.per-day", "10000000");
        props.put("ticketbridge.rate-limit.admin.per-minute", "100000");
        props.put("ticketbridge.rate-limit.admin.per-hour", "1000000");
        props.put("ticketbridge.rate-limit.admin.per-day", "10000000");
        props.put("ticketbridge.sandbox.enabled", "false");
        props.putAll(overrides);
        props.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("TicketBridge did not start: " + e.getMessage(), e);
        }
    }

    /** Stops and starts again on the same data directory (same database, same keys). */
    public void restart() {
        stopQuietly();
        boot();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Hub hub() {
        return context().getRegistry().lookupByNameAndType("hub", Hub.class);
    }

    public ApiClient admin() {
        return new ApiClient(baseUrl(), ADMIN_KEY);
    }

    public ApiClient client(String key) {
        return new ApiClient(baseUrl(), key);
    }

    /** A caller without credentials. */
    public ApiClient anonymous() {
        return new ApiClient(baseUrl(), null);
    }

    /** A space created through the API with its one-time key. */
    public record Space(String id, String apiKey, String keyId, ApiClient client) {
    }

    public Space createSpace(String name) {
        ApiClient.Response r = admin().post("/api/spaces", java.util.Map.of("name", name));
        if (r.status() != 201) {
            throw new IllegalStateException("space not created: " + r);
        }
        var j = r.json();
        return new Space(j.get("id").asText(), j.get("api_key").asText(), j.get("api_key_id").asText(),
                client(j.get("api_key").asText()));
    }

    private void stopQuietly() {
        if (main != null) {
            try {
                main.stop();
            } catch (Exception ignored) {
                // best effort
            }
            main = null;
        }
    }

    /** Stops the runtime and deletes its data directory (a benchmark's store can reach gigabytes). */
    @Override
    public void close() {
        stopQuietly();
        deleteRecursively(dataDir);
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file is not a test failure
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
        try {
            // a file that went away during the walk (the store closing) can end the walk early
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
