package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The API's own description, and health and metrics on the management port (and only there). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemApiTest {

    TestRuntime rt;
    ApiClient management;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start();
        management = new ApiClient(rt.managementUrl(), null);
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    @Test
    void theOpenApiDocumentIsPublicAndDescribesEveryRoute() throws java.io.IOException {
        ApiClient.Response r = rt.anonymous().get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("info").get("title").asText()).isNotBlank();
        JsonNode paths = doc.get("paths");

        List<ApiRoutes.Route> routes = rt.context().getRegistry().lookupByNameAndType("apiRoutes", ApiRoutes.class)
                .all();
        assertThat(routes).hasSizeGreaterThan(30);
        Set<String> documented = new HashSet<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        List<String> routed = new ArrayList<>();
        for (ApiRoutes.Route route : routes) {
            routed.add(route.method() + " " + route.template());
            JsonNode op = paths.path(route.template()).path(route.method().toLowerCase());
            assertThat(op.isObject()).as("%s %s documented", route.method(), route.template()).isTrue();
            assertThat(op.get("responses").isObject()).isTrue();
            long pathParams = route.template().chars().filter(c -> c == '{').count();
            List<String> inPath = new ArrayList<>();
            op.path("parameters").forEach(p -> {
                if (p.get("in").asText().equals("path")) {
                    inPath.add(p.get("name").asText());
                }
            });
            assertThat(inPath).as("path parameters of %s", route.template()).hasSize((int) pathParams);
            // security per operation: bearer, the webhook schemes, or explicitly none
            List<String> schemes = new ArrayList<>();
            op.get("security").forEach(req -> req.fieldNames().forEachRemaining(schemes::add));
            switch (route.access()) {
                case AUTHENTICATED, ADMIN -> assertThat(schemes).containsExactly("bearer");
                case WEBHOOK -> assertThat(schemes).containsExactly("webhookSecret", "webhookSignature");
                case PUBLIC -> assertThat(schemes).isEmpty();
            }
            // errors in the one shape, with the correlation id
            assertThat(op.get("responses").has("400")).isTrue();
            assertThat(op.get("responses").get("default").get("$ref").asText()).isEqualTo("#/components/responses/Error");
            if (route.access() != ApiRoutes.Access.PUBLIC) {
                assertThat(op.get("responses").has("401")).as("401 of %s", route.template()).isTrue();
            }
        }
        JsonNode error = doc.at("/components/schemas/Error");
        assertThat(error.get("required")).extracting(JsonNode::asText)
                .containsExactly("error", "message", "validationErrors", "warnings");
        assertThat(doc.get("servers")).isNotEmpty();
        assertThat(doc.get("tags")).allSatisfy(t -> assertThat(t.get("description").asText()).isNotBlank());
        // kept for the linter that .ci/run runs over it (Redocly's recommended rules)
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), r.text());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
        assertThat(routed).contains("POST /api/tickets", "GET /api/audit/logs", "POST /api/integrations/{id}/execute",
                "POST /api/jobs/{id}/retry", "DELETE /api/spaces/{id}/keys/{keyId}");
    }

    @Test
    void readinessIsUpWithTheDatabaseCheck() {
        ApiClient.Response r = management.get("/observe/health/ready");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode health = r.json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        List<String> checks = new ArrayList<>();
        health.get("checks").forEach(c -> {
            checks.add(c.get("name").asText());
            if (c.get("name").asText().equals("database")) {
                assertThat(c.get("status").asText()).isEqualTo("UP");
            }
        });
        assertThat(checks).contains("database");
        // with data=true the embedded store says how big its file is and how much of it is live
        JsonNode detailed = management.get("/observe/health/ready?data=true").json();
        JsonNode db = null;
        for (JsonNode c : detailed.get("checks")) {
            if (c.get("name").asText().equals("database")) {
                db = c.get("data");
            }
        }
        assertThat(db).as("%s", detailed).isNotNull();
        assertThat(db.get("vendor").asText()).isEqualTo("h2");
        assertThat(db.get("file_bytes").asLong()).isPositive();
        assertThat(db.get("fill_rate_percent").asInt()).isBetween(0, 100);
    }

    @Test
    void livenessIsUp() {
        ApiClient.Response r = management.get("/observe/health/live");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextWithCamelMetrics() {
        rt.admin().get("/api/ping"); // at least one exchange
        ApiClient.Response r = management.get("/observe/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.text()).contains("# TYPE ").containsPattern("(?m)^camel_\\w+");
    }

    @Test
    void theApiPortDoesNotServeHealthOrMetrics() {
        assertError(rt.anonymous().get("/observe/health"), 404);
        assertError(rt.anonymous().get("/observe/health/ready"), 404);
        assertError(rt.anonymous().get("/observe/metrics"), 404);
        assertError(rt.admin().get("/observe/metrics"), 404);
    }
}
