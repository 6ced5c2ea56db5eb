package io.ticketbridge.ensono;

import java.util.List;
import java.util.Set;

import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.component.support.IntegrationDirectory;
import io.ticketbridge.config.Settings;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.ConnectorContext;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.store.Hub;

/**
 * The Ensono ITSM bridge (seed 004) on the connector seam. Its engine is its own (a FIFO queue in,
 * REST out, scope rules), so it is a plain connector that installs that engine.
 */
public final class EnsonoConnector implements Connector {

    @Override
    public String platform() {
        return EnsonoBridge.PLATFORM;
    }

    @Override
    public String title() {
        return "Ensono ITSM bridge";
    }

    @Override
    public String scheme() {
        return "ensono";
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of("api_key");
    }

    @Override
    public Set<String> jobKinds() {
        return Set.of(EnsonoBridge.KIND_SYNC, EnsonoBridge.KIND_RETURNPTN);
    }

    @Override
    public Set<String> actions() {
        return Set.of("test", "get");
    }

    @Override
    public void install(ConnectorContext ctx) {
        EnsonoModule.install(ctx.camel(), new Settings(ctx.camel()), ctx.service("hub", Hub.class),
                ctx.service("ticketService", TicketService.class), ctx.service("apiRoutes", ApiRoutes.class),
                ctx.service("deskHttpClient", DeskHttpClient.class),
                ctx.service(IntegrationDirectory.BEAN_NAME, IntegrationDirectory.class));
    }
}
