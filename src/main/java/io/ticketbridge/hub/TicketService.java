package io.ticketbridge.hub;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.ticketbridge.model.Attachment;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TicketFields;
import io.ticketbridge.model.TimeLog;
import io.ticketbridge.store.ConcurrentUpdateException;
import io.ticketbridge.store.Hub;
import io.ticketbridge.store.HubListener;
import org.jdbi.v3.core.Handle;

/**
 * Changes to hub tickets, each in one transaction together with whatever the listeners enqueue
 * (outbox jobs), so a change and the calls it causes are committed together or not at all.
 */
public final class TicketService {

    public static final String ORIGIN_HUB = "hub";

    private final Hub hub;

    public TicketService(Hub hub) {
        this.hub = hub;
    }

    public Ticket create(String spaceId, Map<String, Object> fields, String origin) {
        return hub.jdbi.inTransaction(h -> create(h, spaceId, fields, origin));
    }

    public Ticket create(Handle h, String spaceId, Map<String, Object> fields, String origin) {
        Ticket t = hub.tickets.create(h, spaceId, fields);
        for (HubListener l : hub.listeners()) {
            l.ticketCreated(h, t, origin);
        }
        return t;
    }

    public Optional<Ticket> find(String scope, String id) {
        return hub.jdbi.withHandle(h -> hub.tickets.get(h, scope, id));
    }

    /** Applies changes; {@code expectedVersion} (optional) guards against lost updates. */
    public Optional<Ticket> update(String scope, String id, Map<String, Object> changes, String origin,
                                   Long expectedVersion) {
        return hub.jdbi.inTransaction(h -> {
            Optional<Ticket> current = hub.tickets.get(h, scope, id);
            if (current.isEmpty()) {
                return Optional.<Ticket>empty();
            }
            if (expectedVersion != null && expectedVersion != current.get().version()) {
                throw new ConcurrentUpdateException("Ticket version is " + current.get().version() + ", not "
                        + expectedVersion);
            }
            return Optional.of(update(h, current.get(), changes, origin));
        });
    }

    public Ticket update(Handle h, Ticket current, Map<String, Object> changes, String origin) {
        Ticket after = hub.tickets.update(h, current, changes);
        Set<String> changed = changedFields(current, after);
        if (!changed.isEmpty()) {
            for (HubListener l : hub.listeners()) {
                l.ticketUpdated(h, current, after, changed, origin);
            }
        }
        return after;
    }

    public boolean delete(String scope, String id, String origin) {
        return hub.jdbi.inTransaction(h -> {
            Optional<Ticket> t = hub.tickets.get(h, scope, id);
            if (t.isEmpty()) {
                return false;
            }
            for (HubListener l : hub.listeners()) {
                l.ticketDeleted(h, t.get(), origin);
            }
            return hub.tickets.delete(h, id);
        });
    }

    public Comment addComment(Handle h, Ticket ticket, String body, String author, String email, boolean isPublic,
                              String origin) {
        Comment c = hub.activity.addComment(h, ticket.id(), body, author, email, isPublic, origin);
        hub.tickets.touch(h, ticket.id());
        for (HubListener l : hub.listeners()) {
            l.commentAdded(h, ticket, c);
        }
        return c;
    }

    /** Adds several comments to one ticket: one batched insert, one touch, listeners told once. */
    public java.util.List<Comment> addComments(Handle h, Ticket ticket,
                                               java.util.List<io.ticketbridge.store.ActivityStore.NewComment> comments) {
        java.util.List<Comment> added = hub.activity.addComments(h, ticket.id(), comments);
        if (added.isEmpty()) {
            return added;
        }
        hub.tickets.touch(h, ticket.id());
        for (HubListener l : hub.listeners()) {
            l.commentsAdded(h, ticket, added);
        }
        return added;
    }

    public Attachment addAttachment(Handle h, Ticket ticket, String filename, String contentType, byte[] content,
                                    String origin) {
        Attachment a = hub.activity.addAttachment(h, ticket.id(), filename, contentType, content, origin);
        hub.tickets.touch(h, ticket.id());
        for (HubListener l : hub.listeners()) {
            l.attachmentAdded(h, ticket, a);
        }
        return a;
    }

    public TimeLog addTimeLog(Handle h, Ticket ticket, int minutes, String description, String author,
                              Instant startedAt, String origin) {
        TimeLog t = hub.activity.addTimeLog(h, ticket.id(), minutes, description, author, startedAt, origin);
        hub.tickets.touch(h, ticket.id());
        for (HubListener l : hub.listeners()) {
            l.timeLogAdded(h, ticket, t);
        }
        return t;
    }

    /** Records the resolution and moves the ticket to {@code status} (resolved or closed). */
    public Resolution resolve(Handle h, Ticket ticket, String content, String resolvedBy, String status,
                              String origin) {
        Resolution r = hub.activity.setResolution(h, ticket.id(), content, resolvedBy, origin);
        Ticket current = hub.tickets.get(h, null, ticket.id()).orElseThrow();
        Ticket after = current;
        if (!status.equals(current.status())) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put(TicketFields.STATUS, status);
            after = update(h, current, change, origin);
        } else {
            hub.tickets.touch(h, ticket.id());
        }
        for (HubListener l : hub.listeners()) {
            l.resolutionSet(h, after, r);
        }
        return r;
    }

    public static Set<String> changedFields(Ticket before, Ticket after) {
        Set<String> changed = new LinkedHashSet<>();
        Map<String, Object> a = before.fields();
        Map<String, Object> b = after.fields();
        for (String f : TicketFields.ALL) {
            if (!Objects.equals(a.get(f), b.get(f))) {
                changed.add(f);
            }
        }
        return changed;
    }
}
