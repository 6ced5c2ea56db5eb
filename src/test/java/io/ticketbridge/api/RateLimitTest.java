package io.ticketbridge.api;

import static io.ticketbridge.testing.ApiAssertions.assertError;
import static io.ticketbridge.testing.ApiAssertions.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Per-space API rate limits set by the admin: headers, 429 with Retry-After, isolation, block expiry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

    TestRuntime rt;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    @Test
    void theAdminKeyHasItsOwnLimitsAndIsNeverLockedOutByASpacesBlock() {
        try (TestRuntime strict = TestRuntime.start(Map.of("ticketbridge.rate-limit.per-minute", "3",
                "ticketbridge.rate-limit.admin.per-minute", "10"))) {
            ApiClient admin = strict.admin();
            // the default space (the one the admin key used to count against) uses up its limit and is blocked
            String defaultSpace = ok(admin.get("/api/spaces"), 200).get("items").get(0).get("id").asText();
            String key = ok(admin.post("/api/spaces/" + defaultSpace + "/keys", Map.of("label", "ops")), 201)
                    .get("api_key").asText();
            ApiClient space = strict.client(key);
            for (int i = 0; i < 3; i++) {
                assertThat(space.get("/api/tickets").status()).isEqualTo(200);
            }
            assertThat(space.get("/api/tickets").status()).isEqualTo(429);
            assertThat(Long.parseLong(space.get("/api/tickets").header("Retry-After").orElseThrow()))
                    .isGreaterThan(200);
            // the admin key polls on, on its own budget (admin-only routes are not counted)
            for (int i = 1; i <= 10; i++) {
                ApiClient.Response r = admin.get("/api/tickets");
                assertThat(r.status()).as("admin call %d: %s", i, r).isEqualTo(200);
                assertThat(r.header("X-RateLimit-Limit")).contains("10");
            }
            // over its own limit it waits for the window, it is not locked out for the block time
            ApiClient.Response over = admin.get("/api/tickets");
            JsonNode err = assertError(over, 429);
            assertThat(err.get("message").asText()).contains("admin key");
            assertThat(Long.parseLong(over.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
            // admin-only operations stay reachable, so the operator can still lift the space's block
            assertThat(admin.put("/api/spaces/" + defaultSpace + "/rate-limits", Map.of("per_minute", 100)).status())
                    .isEqualTo(200);
            assertThat(space.get("/api/tickets").status()).isEqualTo(200);
        }
    }

    @Test
    void aSpaceOverItsLimitIsBlockedForBlockSecondsWhileOthersCarryOn() {
        TestRuntime.Space limited = rt.createSpace("limited");
        TestRuntime.Space other = rt.createSpace("unlimited");
        ApiClient api = limited.client();
        // the space is already in use when the admin tightens its limits
        ok(api.get("/api/tickets"), 200);

        JsonNode set = ok(rt.admin().put("/api/spaces/" + limited.id() + "/rate-limits",
                Map.of("per_minute", 5, "per_hour", 100, "per_day", 1000, "block_seconds", 2)), 200);
        assertThat(set.get("rate_per_minute").asInt()).isEqualTo(5);
        assertThat(set.get("block_seconds").asInt()).isEqualTo(2);

        long previous = Long.MAX_VALUE;
        for (int i = 1; i <= 5; i++) {
            ApiClient.Response r = api.get("/api/tickets");
            assertThat(r.status()).as("request %d: %s", i, r).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit")).as("request %d", i).contains("5");
            long remaining = Long.parseLong(r.header("X-RateLimit-Remaining").orElseThrow());
            assertThat(remaining).as("remaining after request %d", i).isEqualTo(5 - i).isLessThan(previous);
            previous = remaining;
            long reset = Long.parseLong(r.header("X-RateLimit-Reset").orElseThrow());
            assertThat(reset).isGreaterThanOrEqualTo(Instant.now().getEpochSecond())
                    .isLessThanOrEqualTo(Instant.now().plusSeconds(61).getEpochSecond());
        }

        ApiClient.Response sixth = api.post("/api/tickets", Map.of("subject", "one too many"));
        JsonNode err = assertError(sixth, 429);
        assertThat(err.get("error").asText()).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(sixth.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(sixth.header("X-RateLimit-Remaining")).contains("0");
        assertThat(sixth.header("X-RateLimit-Limit")).contains("5");
        assertThat(ok(rt.admin().get("/api/tickets?space_id=" + limited.id()), 200).get("total").asLong())
                .as("the refused create stored nothing").isZero();

        // another space is not affected
        for (int i = 0; i < 8; i++) {
            assertThat(other.client().get("/api/tickets").status()).isEqualTo(200);
        }

        // after the block the space may call again
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/ping").status() == 200);
        assertThat(ok(api.post("/api/tickets", Map.of("subject", "after the block")), 201).get("subject").asText())
                .isEqualTo("after the block");
    }

    @Test
    void onlyTheAdminMaySetLimitsAndBadValuesAre400() {
        TestRuntime.Space s = rt.createSpace("limits-validation");
        assertError(s.client().put("/api/spaces/" + s.id() + "/rate-limits", Map.of("per_minute", 1000)), 403);
        assertError(rt.admin().put("/api/spaces/" + s.id() + "/rate-limits", Map.of("per_minute", 0)), 400);
        assertError(rt.admin().put("/api/spaces/" + s.id() + "/rate-limits", Map.of("per_minute", "lots")), 400);
        assertError(rt.admin().put("/api/spaces/" + s.id() + "/rate-limits", Map.of("burst", 3)), 400);
        assertError(rt.admin().put("/api/spaces/" + java.util.UUID.randomUUID() + "/rate-limits",
                Map.of("per_minute", 5)), 404);
        JsonNode space = ok(rt.admin().get("/api/spaces/" + s.id()), 200);
        assertThat(space.get("rate_per_minute").isNull()).isTrue();
    }
}
