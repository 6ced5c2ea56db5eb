package io.ticketbridge.runtime;

import io.ticketbridge.config.Settings;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.ticketbridge.api.ApiDispatcher;
import io.ticketbridge.api.Principal;
import io.ticketbridge.api.RateLimiter;
import io.ticketbridge.model.Space;
import io.ticketbridge.store.Hub;

/**
 * Which bucket a call counts against and its limits: a space key's space, with that space's overrides or
 * the configured defaults (seed 000); the admin key its own bucket with its own limits
 * ({@code ticketbridge.rate-limit.admin.*}), so an operator is never blocked by a space's use or block.
 */
final class SpaceLimits {

    /** The admin key's bucket: no space id looks like this. */
    static final String ADMIN_BUCKET = "admin-key";

    private final RateLimiter.Limits defaults;
    private final RateLimiter.Limits admin;
    private final LoadingCache<String, RateLimiter.Limits> bySpace;

    SpaceLimits(Hub hub, Settings settings) {
        this.defaults = new RateLimiter.Limits(settings.getInt("ticketbridge.rate-limit.per-minute", 60),
                settings.getInt("ticketbridge.rate-limit.per-hour", 1000),
                settings.getInt("ticketbridge.rate-limit.per-day", 10000),
                settings.getInt("ticketbridge.rate-limit.block-seconds", 300));
        this.admin = new RateLimiter.Limits(settings.getInt("ticketbridge.rate-limit.admin.per-minute", 600),
                settings.getInt("ticketbridge.rate-limit.admin.per-hour", 20_000),
                settings.getInt("ticketbridge.rate-limit.admin.per-day", 200_000),
                settings.getInt("ticketbridge.rate-limit.admin.block-seconds", 0));
        this.bySpace = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(10_000)
                .build(id -> hub.jdbi.withHandle(h -> hub.spaces.get(h, id)).map(this::limitsOf).orElse(defaults));
    }

    ApiDispatcher.RateLimitTarget target(Principal p) {
        if (p.admin()) {
            return new ApiDispatcher.RateLimitTarget(ADMIN_BUCKET, admin);
        }
        return new ApiDispatcher.RateLimitTarget(p.spaceId(), bySpace.get(p.spaceId()));
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
