package io.ticketbridge.store;

import java.util.List;

/** One page of a listing (1-based page numbers). */
public record Page<T>(List<T> items, int page, int pageSize, long total) {

    public boolean hasMore() {
        return (long) page * pageSize < total;
    }
}
