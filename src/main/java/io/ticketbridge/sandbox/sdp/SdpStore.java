package io.ticketbridge.sandbox.sdp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulator's state: live requests with their notes, worklogs, attachments and links, plus the trash.
 * One lock guards it all; callers work inside {@link #withTicket} / {@link #withAll} and copy what they return.
 */
final class SdpStore {

    private final Clock clock;
    private final boolean childChangesTouchRequest;
    private final Map<String, TicketRecord> live = new LinkedHashMap<>();
    private final Map<String, TicketRecord> trash = new LinkedHashMap<>();
    private long nextId = 100_000_000_000_100_000L;
    private long nextDisplayId = 1;
    private long lastStamp;

    SdpStore(Clock clock, boolean childChangesTouchRequest) {
        this.clock = clock;
        this.childChangesTouchRequest = childChangesTouchRequest;
    }

    /** 18-digit ids like SDP Cloud's; one sequence for all entities keeps them unique across kinds. */
    synchronized String newId() {
        return Long.toString(nextId++);
    }

    /**
     * Strictly increasing epoch millis. Two changes in the same millisecond still get distinct
     * {@code last_updated_time}s, so "greater than the last seen value" polling never misses one.
     */
    synchronized long stamp() {
        lastStamp = Math.max(clock.millis(), lastStamp + 1);
        return lastStamp;
    }

    synchronized TicketRecord insert(ObjectNode fields) {
        long now = stamp();
        ObjectNode request = Json.object();
        request.put("id", newId());
        request.put("display_id", Long.toString(nextDisplayId++));
        request.setAll(fields);
        request.set("created_time", Json.datetime(now));
        request.set("last_updated_time", Json.datetime(now));
        TicketRecord record = new TicketRecord(request);
        live.put(record.id(), record);
        return record;
    }

    synchronized void touch(TicketRecord record) {
        record.request.set("last_updated_time", Json.datetime(stamp()));
    }

    /** For notes, worklogs, attachments and links: whether they count as a change of the request itself. */
    synchronized void touchForChild(TicketRecord record) {
        if (childChangesTouchRequest) {
            touch(record);
        }
    }

    /** Runs {@code work} on a live request under the lock; an unknown id is the SDP 404 (4007). */
    synchronized <T> T withTicket(String id, Function<TicketRecord, T> work) {
        return work.apply(require(id));
    }

    synchronized <T> T withAll(Function<Map<String, TicketRecord>, T> work) {
        return work.apply(live);
    }

    synchronized TicketRecord require(String id) {
        TicketRecord record = id == null ? null : live.get(id);
        if (record == null) {
            throw SdpApiException.notFound("Request " + id + " does not exist");
        }
        return record;
    }

    synchronized TicketRecord find(String id) {
        return live.get(id);
    }

    /** Moves a request to the trash and drops links pointing at it from the other side. */
    synchronized void trash(String id) {
        TicketRecord record = require(id);
        live.remove(id);
        trash.put(id, record);
        for (String other : record.links.keySet()) {
            TicketRecord linked = live.get(other);
            if (linked != null) {
                linked.links.remove(id);
                linked.request.put("has_linked_requests", !linked.links.isEmpty());
            }
        }
    }

    synchronized boolean isTrashed(String id) {
        return trash.containsKey(id);
    }

    synchronized int size() {
        return live.size();
    }
}
