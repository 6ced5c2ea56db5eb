package io.ticketbridge.runtime;

import java.util.Map;

import io.ticketbridge.store.Database;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the hub store answers a query. */
final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final Database database;

    DatabaseHealthCheck(Database database) {
        super("ticketbridge", "database");
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            database.ping();
            builder.detail("vendor", database.vendor());
            // embedded H2: how big the file is and how much of it is live (see H2Housekeeping)
            database.storeDetails().forEach(builder::detail);
            builder.up();
        } catch (RuntimeException e) {
            builder.message("hub store unreachable: " + e.getMessage()).down();
        }
    }
}
