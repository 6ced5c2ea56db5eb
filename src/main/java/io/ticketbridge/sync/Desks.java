package io.ticketbridge.sync;

import io.ticketbridge.connector.DeskMapper;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The desk platforms that take part in two-way sync, by platform name. */
public final class Desks {

    private final Map<String, DeskMapper> mappers = new ConcurrentHashMap<>();

    public void register(DeskMapper mapper) {
        mappers.put(mapper.platform(), mapper);
    }

    public Optional<DeskMapper> find(String platform) {
        return Optional.ofNullable(platform == null ? null : mappers.get(platform));
    }

    public boolean isDesk(String platform) {
        return platform != null && mappers.containsKey(platform);
    }
}
