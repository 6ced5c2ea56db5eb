package io.ticketbridge.runtime;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.ticketbridge.api.ApiDispatcher;
import io.ticketbridge.api.Principal;
import io.ticketbridge.api.RateLimiter;
import io.ticketbridge.model.Space;
import io.ticketbridge.store.Hub;

/**
 * Which space a call counts against (its key's space; the default space for the admin key) and
 * that space's limits: its own overrides, else the configured defaults (seed 000).
 */
final class SpaceLimits {

    private final RateLimiter.Limits defaults;
    private final String defaultSpaceId;
    private final LoadingCache<String, RateLimiter.Limits> bySpace;

    SpaceLimits(Hub hub, Settings settings, String defaultSpaceId) {
        this.defaultSpaceId = defaultSpaceId;
        this.defaults = new RateLimiter.Limits(settings.getInt("ticketbridge.rate-limit.per-minute", 60),
                settings.getInt("ticketbridge.rate-limit.per-hour", 1000),
                settings.getInt("ticketbridge.rate-limit.per-day", 10000),
                settings.getInt("ticketbridge.rate-limit.block-seconds", 300));
        this.bySpace = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(10_000)
                .build(id -> hub.jdbi.withHandle(h -> hub.spaces.get(h, id)).map(this::limitsOf).orElse(defaults));
    }

    ApiDispatcher.RateLimitTarget target(Principal p) {
        String space = p.admin() ? defaultSpaceId : p.spaceId();
        return new ApiDispatcher.RateLimitTarget(space, bySpace.get(space));
    }

    /** Drops the cached limits of a space whose limits were just changed. */
    void invalidate(String spaceId) {
        bySpace.invalidate(spaceId);
    }

    private RateLimiter.Limits limitsOf(Space s) {
        return new RateLimiter.Limits(
                s.ratePerMinute() == null ? defaults.perMinute() : s.ratePerMinute(),
                s.ratePerHour() == null ? defaults.perHour() : s.ratePerHour(),
                s.ratePerDay() == null ? defaults.perDay() : s.ratePerDay(),
                s.blockSeconds() == null ? defaults.blockSeconds() : s.blockSeconds());
    }
}
