package io.ticketbridge.component.servicedeskplus;

import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Read cache of seed 000: request details 5 min, notes 3 min, attachments 5 min, worklogs 3 min.
 * Any write to a request (ours, or one a webhook tells us about) drops all of that request's
 * entries.
 */
final class SdpCache {

    enum Kind {
        REQUEST(Duration.ofMinutes(5)), NOTES(Duration.ofMinutes(3)), ATTACHMENTS(Duration.ofMinutes(5)),
        WORKLOGS(Duration.ofMinutes(3));

        final Duration ttl;

        Kind(Duration ttl) {
            this.ttl = ttl;
        }
    }

    record Key(String integrationId, String requestId, Kind kind) {
    }

    private final Cache<Key, JsonNode> cache;

    SdpCache() {
        this(com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    }

    /** With another clock (tests). */
    SdpCache(com.github.benmanes.caffeine.cache.Ticker ticker) {
        this.cache = Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(20_000)
            .expireAfter(new Expiry<Key, JsonNode>() {
                @Override
                public long expireAfterCreate(Key key, JsonNode value, long now) {
                    return key.kind().ttl.toNanos();
                }

                @Override
                public long expireAfterUpdate(Key key, JsonNode value, long now, long current) {
                    return key.kind().ttl.toNanos();
                }

                @Override
                public long expireAfterRead(Key key, JsonNode value, long now, long current) {
                    return current;
                }
            })
            .recordStats()
            .build();
    }

    JsonNode get(String integrationId, String requestId, Kind kind, Supplier<JsonNode> loader) {
        return cache.get(new Key(integrationId, requestId, kind), k -> loader.get());
    }

    void invalidate(String integrationId, String requestId) {
        for (Kind k : Kind.values()) {
            cache.invalidate(new Key(integrationId, requestId, k));
        }
    }

    long hits() {
        return cache.stats().hitCount();
    }
}
