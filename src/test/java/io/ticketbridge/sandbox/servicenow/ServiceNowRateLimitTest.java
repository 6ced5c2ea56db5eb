package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.sandbox.support.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-user token bucket: 429 bodies and the three header variants, and the limiter's accuracy in real time. */
class ServiceNowRateLimitTest {

    private static final Instant T0 = Instant.parse("2024-06-03T10:00:00Z");
    private static final String PATH = "/api/now/table/incident?sysparm_limit=1";
    private static final List<String> TIMING = List.of("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Reset",
            "X-RateLimit-Rule", "X-RateLimit-Remaining");

    private static ServiceNowSimulator limited(SimClock clock, RateLimitHeaders mode) {
        return ServiceNowSimulator.builder().clock(clock).rateLimitPerSecond(5).rateLimitHeaders(mode)
                .user("a.user", "pw-a").user("b.user", "pw-b").start();
    }

    @Test
    void overTheBudgetIs429WithRetryAfterAndRateLimitHeaders() {
        SimClock clock = SimClock.fixed(T0);
        try (ServiceNowSimulator sim = limited(clock, RateLimitHeaders.FULL)) {
            SnClient client = SnClient.basic(sim, "a.user", "pw-a");

            SnClient.Response allowed = client.get(PATH);
            SnClient.Response throttled = client.get(PATH);

            long reset = T0.getEpochSecond() + 1;
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(allowed.header("X-RateLimit-Reset")).isEqualTo(Long.toString(reset));
            assertThat(allowed.header("X-RateLimit-Rule")).isEqualTo(SnRateLimiter.RULE_SYS_ID);
            assertThat(allowed.header("Retry-After")).isNull();
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.json()).isEqualTo(json("""
                    {"error":{"message":"Rate limit exceeded",
                     "detail":"Rate limit of 5 requests per second for Table API exceeded"},"status":"failure"}"""));
            assertThat(throttled.header("Retry-After")).isEqualTo("1");
            assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(throttled.header("X-RateLimit-Reset")).isEqualTo(Long.toString(reset));
            assertThat(throttled.header("X-RateLimit-Rule")).isEqualTo(SnRateLimiter.RULE_SYS_ID);
            assertThat(throttled.header("X-RateLimit-Remaining")).isNull();
            assertThat(sim.count429()).isEqualTo(1);
        }
    }

    @Test
    void tokensRefillContinuouslyAtTheConfiguredRate() {
        SimClock clock = SimClock.fixed(T0);
        try (ServiceNowSimulator sim = limited(clock, RateLimitHeaders.FULL)) {
            SnClient client = SnClient.basic(sim, "a.user", "pw-a");
            assertThat(client.get(PATH).status()).isEqualTo(200);

            clock.advance(Duration.ofMillis(199));
            assertThat(client.get(PATH).status()).isEqualTo(429);
            clock.advance(Duration.ofMillis(1));
            assertThat(client.get(PATH).status()).isEqualTo(200);
            assertThat(client.get(PATH).status()).isEqualTo(429);
        }
    }

    @Test
    void eachUserHasItsOwnBudgetAndABurstCanBeAllowed() {
        SimClock clock = SimClock.fixed(T0);
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder().clock(clock).rateLimitPerSecond(5)
                .rateLimitBurst(3).user("a.user", "pw-a").user("b.user", "pw-b").start()) {
            SnClient a = SnClient.basic(sim, "a.user", "pw-a");
            SnClient b = SnClient.basic(sim, "b.user", "pw-b");

            for (int i = 0; i < 3; i++) {
                assertThat(a.get(PATH).status()).isEqualTo(200);
            }
            assertThat(a.get(PATH).status()).isEqualTo(429);
            assertThat(b.get(PATH).status()).isEqualTo(200);

            sim.rateLimit(0, Duration.ofSeconds(1), 1);
            assertThat(a.get(PATH).status()).isEqualTo(200);
            assertThat(a.get(PATH).header("X-RateLimit-Limit")).isNull();
        }
    }

    @Test
    void resetOnlyMode429CarriesOnlyXRateLimitReset() {
        try (ServiceNowSimulator sim = limited(SimClock.fixed(T0), RateLimitHeaders.RESET_ONLY)) {
            SnClient client = SnClient.basic(sim, "a.user", "pw-a");

            SnClient.Response allowed = client.get(PATH);
            SnClient.Response throttled = client.get(PATH);

            assertThat(TIMING).allSatisfy(name -> assertThat(allowed.header(name)).as(name).isNull());
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("X-RateLimit-Reset")).isEqualTo(Long.toString(T0.getEpochSecond() + 1));
            assertThat(TIMING.subList(0, 2)).allSatisfy(name -> assertThat(throttled.header(name)).as(name).isNull());
            assertThat(throttled.header("X-RateLimit-Rule")).isNull();
        }
    }

    @Test
    void noHeadersMode429HasNoTimingHeadersAtAll() {
        try (ServiceNowSimulator sim = limited(SimClock.fixed(T0), RateLimitHeaders.NONE)) {
            SnClient client = SnClient.basic(sim, "a.user", "pw-a");
            client.get(PATH);

            SnClient.Response throttled = client.get(PATH);

            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.json().at("/error/message").asText()).isEqualTo("Rate limit exceeded");
            assertThat(TIMING).allSatisfy(name -> assertThat(throttled.header(name)).as(name).isNull());
        }
    }

    @Test
    void sixtyRequestsAtTwentyPerSecondTakeAtLeastThreeSeconds() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder().rateLimitPerSecond(20).start()) {
            SnClient client = SnClient.basic(sim);
            long start = System.nanoTime();

            for (int i = 0; i < 60; i++) {
                await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> client.get(PATH).status() == 200);
            }

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(elapsed).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(6));
            assertThat(sim.count429()).isPositive();
        }
    }

    @Test
    void eightConcurrentConnectionsShareOneUsersBudget() throws Exception {
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder().rateLimitPerSecond(20).start()) {
            SnClient client = SnClient.basic(sim);
            AtomicInteger allowed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long start = System.nanoTime();
            try {
                List<Future<?>> workers = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    workers.add(pool.submit(() -> {
                        while (allowed.get() < 40) {
                            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                                    .pollInterval(Duration.ofMillis(10))
                                    .until(() -> allowed.get() >= 40 || client.get(PATH).status() == 200
                                            && allowed.incrementAndGet() > 0);
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            // 40 tokens at 20/s with one to start with: at least 39 refills of 50 ms.
            assertThat(allowed.get()).isBetween(40, 47);
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }
}
