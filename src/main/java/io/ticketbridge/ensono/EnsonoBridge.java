package io.ticketbridge.ensono;

import java.util.List;
import java.util.Optional;

import io.ticketbridge.dataformat.ensono.EnsonoTicketMapper;
import io.ticketbridge.hub.TicketService;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.JobStore;
import org.jdbi.v3.core.Handle;

/** What the outbound and inbound halves of the bridge share: the store, the mapper, the rules. */
public final class EnsonoBridge {

    public static final String PLATFORM = "ensono";
    public static final String KIND_SYNC = "sync";
    public static final String KIND_RETURNPTN = "returnptn";
    public static final String LEDGER_COMMENT = "comment";
    public static final String LEDGER_ATTACHMENT = "attachment";
    /** Snapshot key recording that our number was returned to Ensono. */
    public static final String PTN_RETURNED = "_returnptn";

    final Hub hub;
    final TicketService tickets;
    final EnsonoTicketMapper mapper;
    final ReloadingYaml<EnsonoRules> rules;
    final EnsonoSettings settings;

    public EnsonoBridge(Hub hub, TicketService tickets, EnsonoTicketMapper mapper, ReloadingYaml<EnsonoRules> rules,
                        EnsonoSettings settings) {
        this.hub = hub;
        this.tickets = tickets;
        this.mapper = mapper;
        this.rules = rules;
        this.settings = settings;
        this.approvals = new EnsonoApprovals(this);
    }

    /** Change approvals: Approval Request / Redraft in, approve / reject out. */
    final EnsonoApprovals approvals;

    public Hub hub() {
        return hub;
    }

    public EnsonoTicketMapper mapper() {
        return mapper;
    }

    public EnsonoRules rules() {
        return rules.get();
    }

    public EnsonoSettings settings() {
        return settings;
    }

    /**
     * Enabled Ensono integrations of a space. Non-empty answers are cached for two seconds (every hub
     * change asks); an empty answer is not, so a new integration is seen at once.
     */
    List<Integration> integrations(Handle h, String spaceId) {
        List<Integration> cached = integrationsBySpace.getIfPresent(spaceId);
        if (cached != null) {
            return cached;
        }
        List<Integration> fresh = hub.integrations.list(h, spaceId, PLATFORM).stream().filter(Integration::enabled)
                .toList();
        if (!fresh.isEmpty()) {
            integrationsBySpace.put(spaceId, fresh);
        }
        return fresh;
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, List<Integration>> integrationsBySpace =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(java.time.Duration.ofSeconds(2)).maximumSize(1000).build();

    /** Every Ensono integration; read at most once a second (the poll route asks on every tick). */
    public List<Integration> allIntegrations() {
        return allIntegrations.get(PLATFORM, k -> hub.jdbi.withHandle(h -> hub.integrations.list(h, null, PLATFORM)));
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, List<Integration>> allIntegrations =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .expireAfterWrite(java.time.Duration.ofSeconds(1)).build();

    public Optional<Integration> integration(String id) {
        return hub.jdbi.withHandle(h -> hub.integrations.get(h, null, id))
                .filter(i -> PLATFORM.equals(i.platform()));
    }

    String clientName(Integration i) {
        return i.configText("client_name", "");
    }

    /** The group sent once instead of an invalid one: the integration's default_group, else the mapping's. */
    String defaultGroup(Integration i) {
        return i.configText("default_group", mapper.tables().defaultGroup());
    }

    /** Hub comments not yet sent to (nor received from) this integration, oldest first. */
    List<Comment> unsentComments(Handle h, Integration i, Ticket t) {
        return hub.activity.comments(h, t.id()).stream()
                .filter(c -> !i.id().equals(c.origin()))
                .filter(c -> !hub.links.crossed(h, i.id(), t.id(), LEDGER_COMMENT, c.id()))
                .toList();
    }

    /** Hub attachments not yet sent to (nor received from) this integration, oldest first. */
    List<io.ticketbridge.model.Attachment> unsentAttachments(Handle h, Integration i, Ticket t) {
        return hub.activity.attachments(h, t.id()).stream()
                .filter(a -> !i.id().equals(a.origin()))
                .filter(a -> !hub.links.crossed(h, i.id(), t.id(), LEDGER_ATTACHMENT, a.id()))
                .toList();
    }

    String resolution(Handle h, Ticket t) {
        return hub.activity.resolution(h, t.id()).map(r -> r.content()).orElse(null);
    }

    EnsonoTicketMapper.Identity identity(Integration i, Ticket t) {
        return new EnsonoTicketMapper.Identity(clientName(i), t.number(), mapper.ticketType(t));
    }

    /**
     * A durable sync job for the ticket on this integration, unless an unstarted one is already queued (it
     * will read the same hub state).
     */
    void enqueueSync(Handle h, String spaceId, String integrationId, String ticketId) {
        if (hasQueued(h, integrationId, ticketId, KIND_SYNC)) {
            return;
        }
        hub.jobs.enqueue(h, new JobStore.NewJob(spaceId, integrationId, ticketId, KIND_SYNC,
                Json.object().put("ticket_id", ticketId), settings.syncMaxAttempts()));
    }

    /** True when an unstarted job of this kind is already queued for the ticket (the new one would repeat it). */
    boolean hasQueued(Handle h, String integrationId, String ticketId, String kind) {
        return hub.jobs.hasUnstarted(h, integrationId, ticketId, kind);
    }

    /** True when a job of this kind is pending, in flight or succeeded for the ticket. */
    boolean hasLive(Handle h, String integrationId, String ticketId, String kind) {
        return hub.jobs.hasLive(h, integrationId, ticketId, kind);
    }
}
