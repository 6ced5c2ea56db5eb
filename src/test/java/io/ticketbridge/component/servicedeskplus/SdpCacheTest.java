package io.ticketbridge.component.servicedeskplus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import org.junit.jupiter.api.Test;

/** The seed's cache lifetimes (request 5 min, notes 3 min, attachments 5 min, worklogs 3 min), on a test clock. */
class SdpCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SdpCache cache = new SdpCache(nanos::get);
    private final AtomicInteger loads = new AtomicInteger();

    private JsonNode read(String request, SdpCache.Kind kind) {
        return cache.get("sdp-1", request, kind, () -> Json.object().put("load", loads.incrementAndGet()));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void eachKindIsServedFromTheCacheForItsLifetimeThenReadAgain() {
        record Case(SdpCache.Kind kind, Duration ttl) {
        }
        for (Case c : new Case[] {new Case(SdpCache.Kind.REQUEST, Duration.ofMinutes(5)),
                new Case(SdpCache.Kind.NOTES, Duration.ofMinutes(3)),
                new Case(SdpCache.Kind.ATTACHMENTS, Duration.ofMinutes(5)),
                new Case(SdpCache.Kind.WORKLOGS, Duration.ofMinutes(3))}) {
            String request = "r-" + c.kind();
            int first = read(request, c.kind()).path("load").asInt();
            advance(c.ttl().minusSeconds(1));
            assertThat(read(request, c.kind()).path("load").asInt()).as(c.kind() + " just before its lifetime ends")
                    .isEqualTo(first);
            advance(Duration.ofSeconds(2));
            assertThat(read(request, c.kind()).path("load").asInt()).as(c.kind() + " just after").isGreaterThan(first);
        }
    }

    @Test
    void aWriteToARequestDropsAllItsEntriesAndNoOtherRequests() {
        int details = read("101", SdpCache.Kind.REQUEST).path("load").asInt();
        int notes = read("101", SdpCache.Kind.NOTES).path("load").asInt();
        int other = read("202", SdpCache.Kind.REQUEST).path("load").asInt();
        cache.invalidate("sdp-1", "101");
        assertThat(read("101", SdpCache.Kind.REQUEST).path("load").asInt()).isNotEqualTo(details);
        assertThat(read("101", SdpCache.Kind.NOTES).path("load").asInt()).isNotEqualTo(notes);
        assertThat(read("202", SdpCache.Kind.REQUEST).path("load").asInt()).isEqualTo(other);
        // another integration's entry for the same request id is its own
        int elsewhere = cache.get("sdp-2", "101", SdpCache.Kind.REQUEST, () -> Json.object().put("load", 999))
                .path("load").asInt();
        assertThat(elsewhere).isEqualTo(999);
    }
}
