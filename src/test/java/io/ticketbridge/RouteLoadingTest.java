package io.ticketbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ticketbridge.testing.TestRuntime;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Boots the real routes/ and config/: every route starts and has an explicit id. */
class RouteLoadingTest {

    static TestRuntime rt;

    @BeforeAll
    static void boot() {
        rt = TestRuntime.start();
    }

    @AfterAll
    static void stop() {
        rt.close();
    }

    @Test
    void everyRouteStartsWithAnExplicitId() throws Exception {
        List<Route> routes = rt.context().getRoutes();
        assertThat(routes).isNotEmpty();
        for (Route r : routes) {
            assertThat(r.getRouteId()).as("route from %s", r.getSourceLocation()).doesNotMatch("route\\d+");
            assertThat(rt.context().getRouteController().getRouteStatus(r.getRouteId()))
                    .as("status of %s", r.getRouteId()).isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void everyRouteFileIsLoadedAndItsRouteIdIsTheFileStem() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                String stem = f.getFileName().toString().replace(".camel.yaml", "");
                if (Files.readString(f).contains("- route:")) {
                    assertThat(rt.context().getRoute(stem)).as("route %s from %s", stem, f).isNotNull();
                }
            }
        }
    }
}
