package io.ticketbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.ticketbridge.testing.FaultStub;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With reload on, an edited route file takes effect without a restart, and editing one file leaves
 * the other routes running (no duplicate-route-id failure).
 */
class RouteReloadTest {

    static Path routes;
    static TestRuntime rt;
    static FaultStub stub;

    @BeforeAll
    static void boot() throws Exception {
        routes = Files.createTempDirectory("tb-routes-");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        rt = TestRuntime.start(Map.of("ticketbridge.routes-dir", routes.toString(),
                "camel.main.routes-reload-enabled", "true"));
        stub = new FaultStub();
    }

    @AfterAll
    static void stop() {
        rt.close();
        stub.close();
        io.ticketbridge.testing.TestRuntime.deleteRecursively(routes);
    }

    @Test
    void editedFlowTakesEffectWithoutRestart() throws Exception {
        var integration = rt.admin().post("/api/integrations", Map.of("platform", "webhook", "name", "hook",
                "base_url", stub.baseUrl())).json();
        String id = integration.get("id").asText();
        // the edit: the webhook flow now stamps every payload before sending it
        Path flow = routes.resolve("webhook-job.camel.yaml");
        String edited = Files.readString(flow).replace("      steps:\n", "      steps:\n"
                + "        - transform:\n            simple: '{\"stamped\":true,\"original\":${body}}'\n");
        Files.writeString(flow, edited);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            rt.admin().post("/api/jobs", Map.of("integration_id", id, "kind", "post", "payload", Map.of("n", 1)));
            rt.admin().post("/api/jobs/process", Map.of());
            assertThat(stub.requests()).anySatisfy(r -> assertThat(r.body()).contains("\"stamped\":true"));
        });
        // every other route is still running
        assertThat(rt.context().getRoutes()).hasSizeGreaterThan(5);
        assertThat(rt.context().getRoute("management-api")).isNotNull();
        assertThat(rt.context().getRoute("job-dispatch")).isNotNull();
    }
}
