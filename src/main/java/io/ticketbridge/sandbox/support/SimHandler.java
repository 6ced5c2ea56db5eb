package io.ticketbridge.sandbox.support;

/** A simulator's request handling; runs on the server's pool, so it must be thread-safe. */
@FunctionalInterface
public interface SimHandler {

    SimResponse handle(RecordedRequest request);
}
