package io.ticketbridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 benchmark. Run: {@code mvn -B -q -DskipTests package && mvn -B test -Dtest=RuntimeBenchmark}
 * <ul>
 * <li>Start-up: seconds from {@code java -jar target/ticketbridge.jar} to /observe/health/ready = 200,
 * and resident memory (VmRSS) right after, of a fresh process with an empty data directory.</li>
 * <li>API: POST /api/tickets throughput and p99 under 16 concurrent clients, beside GET /api/ping
 * (authenticated no-op through the same dispatcher) on the same server in the same run; prints both
 * and their ratio.</li>
 * </ul>
 * Prints figures; asserts nothing about speed.
 */
class RuntimeBenchmark {

    private static final String KEY = "bench-admin-key-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startupAndApiThroughput() throws Exception {
        Path jar = Path.of("target/ticketbridge.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the jar first: mvn -B -q -DskipTests package");
        }
        Path data = Files.createTempDirectory("tb-bench-");
        int port = TestRuntime.freePort();
        int mgmt = TestRuntime.freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        pb.environment().put("TICKETBRIDGE_DATA_DIR", data.toString());
        pb.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        pb.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(mgmt));
        pb.environment().put("TICKETBRIDGE_ADMIN_KEY", KEY);
        pb.environment().put("TICKETBRIDGE_SANDBOX_ENABLED", "false");
        pb.environment().put("TICKETBRIDGE_RATE_LIMIT_PER_MINUTE", "100000000");
        pb.environment().put("TICKETBRIDGE_RATE_LIMIT_PER_HOUR", "1000000000");
        pb.environment().put("TICKETBRIDGE_RATE_LIMIT_PER_DAY", "2000000000");
        pb.environment().put("TICKETBRIDGE_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            waitReady("http://127.0.0.1:" + mgmt + "/observe/health/ready", Duration.ofSeconds(120));
            double startup = (System.nanoTime() - t0) / 1e9;
            long rssKb = rssKb(p.pid());
            System.out.printf("%nSTART-UP  java -jar to ready: %.2f s   resident memory after start: %.1f MiB%n",
                    startup, rssKb / 1024.0);

            String base = "http://127.0.0.1:" + port;
            LoadDriver driver = new LoadDriver();
            AtomicInteger n = new AtomicInteger();
            var ping = driver.run("GET /api/ping", 16, Duration.ofSeconds(5), Duration.ofSeconds(15),
                    () -> LoadDriver.to(base + "/api/ping").header("Authorization", "Bearer " + KEY).GET().build(), 200);
            var create = driver.run("POST /api/tickets", 16, Duration.ofSeconds(5), Duration.ofSeconds(15),
                    () -> LoadDriver.to(base + "/api/tickets").header("Authorization", "Bearer " + KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"Load " + n.incrementAndGet()
                                    + "\",\"priority\":\"high\",\"group\":\"Network\",\"requester_email\":"
                                    + "\"jane@example.com\",\"description\":\"benchmark ticket\"}"))
                            .build(), 201);
            System.out.println("API (16 concurrent clients, 15 s each after 5 s warm-up):");
            System.out.println("  " + ping);
            System.out.println("  " + create);
            System.out.printf("  ratio POST /api/tickets ÷ GET /api/ping: throughput %.2f, p99 latency %.2f%n",
                    create.throughput() / ping.throughput(), create.p99Millis() / ping.p99Millis());
            System.out.printf("  resident memory after load: %.1f MiB%n%n", rssKb(p.pid()) / 1024.0);
        } finally {
            p.destroy();
            p.waitFor();
            TestRuntime.deleteRecursively(data);
        }
    }

    private static void waitReady(String url, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("not ready within " + max);
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
