package io.ticketbridge.api.desk;

import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.PlatformCatalog;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.outbox.OutboxDrainer;
import io.ticketbridge.sync.Desks;
import io.ticketbridge.sync.SyncModule;

/** Registers the shared desk endpoints (/api/integrations/{id or alias}/...): one set for every desk. */
public final class DeskApis {

    private DeskApis() {
    }

    public static void register(ApiRoutes routes, ApiSupport support, PlatformCatalog catalog, Desks desks,
                                OutboxDrainer drainer, SyncModule.Engine engine, TicketService tickets,
                                ConnectorGateway gateway, java.time.Duration apiWait, long maxAttachmentBytes) {
        DeskCalls calls = new DeskCalls(support, catalog, desks, drainer, engine.jobs(), tickets, apiWait);
        new DeskConfigApi(calls).register(routes);
        new DeskApi(calls, gateway).register(routes);
        new DeskActivityApi(calls, gateway, maxAttachmentBytes).register(routes);
        new DeskAdminApi(calls, engine.scheduler()).register(routes);
        new DeskTransferApi(calls, engine.scheduler()).register(routes);
        new DeskWebhookApi(calls).register(routes);
    }
}
