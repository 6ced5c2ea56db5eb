package io.ticketbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Backoff 1, 2, 4, 8 ... seconds capped at 30 s; a vendor's Retry-After replaces it, within a cap. */
class RetryPolicyTest {

    final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void backoffDoublesFromOneSecondUpToThirtySeconds() {
        assertThat(policy.maxAttempts()).isEqualTo(4);
        assertThat(policy.delayAfter(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(4, null)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(5, null)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayAfter(6, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(20, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(2000, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterWinsOverTheBackoffButIsCapped() {
        assertThat(policy.delayAfter(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(5, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.delayAfter(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
        assertThat(policy.delayAfter(1, Duration.ZERO)).isEqualTo(Duration.ZERO);
    }

    @Test
    void configuredValuesAreHonoured() {
        RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(200), 3.0, Duration.ofMillis(1000),
                Duration.ofSeconds(5));
        assertThat(fast.maxAttempts()).isEqualTo(3);
        assertThat(fast.delayAfter(1, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(fast.delayAfter(2, null)).isEqualTo(Duration.ofMillis(600));
        assertThat(fast.delayAfter(3, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(fast.delayAfter(1, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(5));
    }
}
