package io.ticketbridge.outbox;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.ticketbridge.connector.DeskUnavailableException;

/**
 * One resilience4j circuit breaker per integration. Only "unavailable" outcomes count as failures:
 * a vendor rejecting one bad request says nothing about whether the vendor is up.
 */
public final class CircuitBreakers {

    private final CircuitBreakerRegistry registry;

    public CircuitBreakers(int failureRateThreshold, int slidingWindow, int minimumCalls, Duration openWait) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindow)
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(e -> e instanceof DeskUnavailableException)
                .build();
        this.registry = CircuitBreakerRegistry.of(config);
    }

    public CircuitBreaker forIntegration(String integrationId) {
        return registry.circuitBreaker(integrationId);
    }

    public String state(String integrationId) {
        return registry.find(integrationId).map(cb -> cb.getState().name()).orElse("CLOSED");
    }

    public void reset(String integrationId) {
        registry.find(integrationId).ifPresent(CircuitBreaker::reset);
    }
}
