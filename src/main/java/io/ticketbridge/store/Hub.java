package io.ticketbridge.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jdbi.v3.core.Jdbi;

/** The hub store's repositories in one place, plus the listeners that react to hub changes. */
public final class Hub {

    public final Database database;
    public final Jdbi jdbi;
    public final SpaceStore spaces;
    public final TicketStore tickets;
    public final ActivityStore activity;
    public final IntegrationStore integrations;
    public final JobStore jobs;
    public final InboxStore inbox;
    public final AuditStore audit;
    public final SyncLogStore syncLogs;
    public final LinkStore links = new LinkStore();
    public final MappingStore mappings = new MappingStore();
    public final ConflictStore conflicts = new ConflictStore();
    private final List<HubListener> listeners = new CopyOnWriteArrayList<>();

    public Hub(Database database, SpaceStore spaces, TicketStore tickets, ActivityStore activity,
               IntegrationStore integrations, JobStore jobs, InboxStore inbox, AuditStore audit, SyncLogStore syncLogs) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.spaces = spaces;
        this.tickets = tickets;
        this.activity = activity;
        this.integrations = integrations;
        this.jobs = jobs;
        this.inbox = inbox;
        this.audit = audit;
        this.syncLogs = syncLogs;
    }

    public void addListener(HubListener listener) {
        listeners.add(listener);
    }

    public List<HubListener> listeners() {
        return listeners;
    }
}
