package io.ticketbridge.sync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ticketbridge.connector.DeskConnector;
import io.ticketbridge.connector.DeskMapper;

/** The desk platforms that take part in two-way sync, by platform name: each connector and its mapper. */
public final class Desks {

    private record Desk(DeskConnector connector, DeskMapper mapper) {
    }

    private final Map<String, Desk> desks = new ConcurrentHashMap<>();

    public void register(DeskConnector connector, DeskMapper mapper) {
        desks.put(connector.platform(), new Desk(connector, mapper));
    }

    public Optional<DeskMapper> find(String platform) {
        return Optional.ofNullable(platform == null ? null : desks.get(platform)).map(Desk::mapper);
    }

    public Optional<DeskConnector> connector(String platform) {
        return Optional.ofNullable(platform == null ? null : desks.get(platform)).map(Desk::connector);
    }

    public boolean isDesk(String platform) {
        return platform != null && desks.containsKey(platform);
    }
}
