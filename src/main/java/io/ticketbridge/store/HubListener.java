package io.ticketbridge.store;

import java.util.Set;

import io.ticketbridge.model.Attachment;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.model.TimeLog;
import org.jdbi.v3.core.Handle;

/**
 * Reacts to hub changes inside the transaction that makes them, so outbox jobs it enqueues commit
 * (or roll back) with the change itself. {@code origin} is "hub" or the integration id the change
 * came from, so a listener never echoes a change back to where it came from.
 */
public interface HubListener {

    default void ticketCreated(Handle h, Ticket ticket, String origin) {
    }

    default void ticketUpdated(Handle h, Ticket before, Ticket after, Set<String> changed, String origin) {
    }

    default void ticketDeleted(Handle h, Ticket ticket, String origin) {
    }

    default void commentAdded(Handle h, Ticket ticket, Comment comment) {
    }

    /** Several comments added to one ticket at once; a listener may react once instead of per comment. */
    default void commentsAdded(Handle h, Ticket ticket, java.util.List<Comment> comments) {
        for (Comment c : comments) {
            commentAdded(h, ticket, c);
        }
    }

    default void attachmentAdded(Handle h, Ticket ticket, Attachment attachment) {
    }

    default void timeLogAdded(Handle h, Ticket ticket, TimeLog timeLog) {
    }

    default void resolutionSet(Handle h, Ticket ticket, Resolution resolution) {
    }
}
