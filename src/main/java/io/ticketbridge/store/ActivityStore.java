package io.ticketbridge.store;

import static io.ticketbridge.store.TicketStore.instant;
import static io.ticketbridge.store.TicketStore.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.ticketbridge.model.Attachment;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Hashes;
import io.ticketbridge.model.Ids;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.TimeLog;
import org.jdbi.v3.core.Handle;

/** A ticket's activity: comments, attachments, time logs and its resolution. */
public final class ActivityStore {

    public Comment addComment(Handle h, String ticketId, String body, String author, String authorEmail,
                              boolean isPublic, String origin) {
        String id = Ids.newId();
        Instant now = Instant.now();
        h.createUpdate("insert into comments (id, ticket_id, body, author, author_email, is_public, origin,"
                        + " content_hash, created_at) values (:id, :t, :body, :author, :email, :pub, :origin, :hash, :now)")
                .bind("id", id).bind("t", ticketId).bind("body", body).bind("author", author)
                .bind("email", authorEmail).bind("pub", isPublic).bind("origin", origin)
                .bind("hash", Hashes.sha256(body)).bind("now", ts(now)).execute();
        return new Comment(id, ticketId, body, author, authorEmail, isPublic, origin, now);
    }

    /** A comment to add with {@link #addComments}. */
    public record NewComment(String body, String author, String authorEmail, boolean isPublic, String origin) {
    }

    /**
     * Adds several comments to one ticket with one batched statement, in the given order: each gets a
     * creation time strictly after the one before, so the listing order is the order given.
     */
    public List<Comment> addComments(Handle h, String ticketId, List<NewComment> comments) {
        List<Comment> out = new java.util.ArrayList<>(comments.size());
        if (comments.isEmpty()) {
            return out;
        }
        var batch = h.prepareBatch("insert into comments (id, ticket_id, body, author, author_email, is_public,"
                + " origin, content_hash, created_at) values (:id, :t, :body, :author, :email, :pub, :origin, :hash, :now)");
        Instant previous = null;
        for (NewComment c : comments) {
            // the stores keep microseconds: compare at that precision, so each comment sorts after the one before
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            if (previous != null && !now.isAfter(previous)) {
                now = previous.plusNanos(1_000);
            }
            previous = now;
            String id = Ids.newId();
            batch.bind("id", id).bind("t", ticketId).bind("body", c.body()).bind("author", c.author())
                    .bind("email", c.authorEmail()).bind("pub", c.isPublic()).bind("origin", c.origin())
                    .bind("hash", Hashes.sha256(c.body())).bind("now", ts(now)).add();
            out.add(new Comment(id, ticketId, c.body(), c.author(), c.authorEmail(), c.isPublic(), c.origin(), now));
        }
        batch.execute();
        return out;
    }

    public List<Comment> comments(Handle h, String ticketId) {
        return h.createQuery("select * from comments where ticket_id=:t order by created_at, id")
                .bind("t", ticketId)
                .map((rs, ctx) -> new Comment(rs.getString("id"), rs.getString("ticket_id"), rs.getString("body"),
                        rs.getString("author"), rs.getString("author_email"), rs.getBoolean("is_public"),
                        rs.getString("origin"), instant(rs, "created_at")))
                .list();
    }

    public Attachment addAttachment(Handle h, String ticketId, String filename, String contentType, byte[] content,
                                    String origin) {
        String id = Ids.newId();
        Instant now = Instant.now();
        String sha = Hashes.sha256(content);
        h.createUpdate("insert into attachments (id, ticket_id, filename, content_type, size_bytes, sha256, content,"
                        + " origin, created_at) values (:id, :t, :name, :type, :size, :sha, :content, :origin, :now)")
                .bind("id", id).bind("t", ticketId).bind("name", filename).bind("type", contentType)
                .bind("size", (long) content.length).bind("sha", sha).bind("content", content)
                .bind("origin", origin).bind("now", ts(now)).execute();
        return new Attachment(id, ticketId, filename, contentType, content.length, sha, origin, now);
    }

    public List<Attachment> attachments(Handle h, String ticketId) {
        return h.createQuery("select id, ticket_id, filename, content_type, size_bytes, sha256, origin, created_at"
                        + " from attachments where ticket_id=:t order by created_at, id")
                .bind("t", ticketId)
                .map((rs, ctx) -> new Attachment(rs.getString("id"), rs.getString("ticket_id"),
                        rs.getString("filename"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), rs.getString("origin"), instant(rs, "created_at")))
                .list();
    }

    public Optional<byte[]> attachmentContent(Handle h, String ticketId, String attachmentId) {
        return h.createQuery("select content from attachments where id=:id and ticket_id=:t")
                .bind("id", attachmentId).bind("t", ticketId)
                .map((rs, ctx) -> rs.getBytes("content")).findOne();
    }

    public TimeLog addTimeLog(Handle h, String ticketId, int minutes, String description, String author,
                              Instant startedAt, String origin) {
        String id = Ids.newId();
        Instant now = Instant.now();
        h.createUpdate("insert into time_logs (id, ticket_id, minutes, description, author, started_at, origin,"
                        + " content_hash, created_at) values (:id, :t, :m, :d, :a, :s, :origin, :hash, :now)")
                .bind("id", id).bind("t", ticketId).bind("m", minutes).bind("d", description).bind("a", author)
                .bind("s", ts(startedAt)).bind("origin", origin)
                .bind("hash", Hashes.sha256(minutes + "|" + description + "|" + startedAt)).bind("now", ts(now))
                .execute();
        return new TimeLog(id, ticketId, minutes, description, author, startedAt, origin, now);
    }

    public List<TimeLog> timeLogs(Handle h, String ticketId) {
        return h.createQuery("select * from time_logs where ticket_id=:t order by created_at, id")
                .bind("t", ticketId)
                .map((rs, ctx) -> new TimeLog(rs.getString("id"), rs.getString("ticket_id"), rs.getInt("minutes"),
                        rs.getString("description"), rs.getString("author"), instant(rs, "started_at"),
                        rs.getString("origin"), instant(rs, "created_at")))
                .list();
    }

    public Resolution setResolution(Handle h, String ticketId, String content, String resolvedBy, String origin) {
        Instant now = Instant.now();
        int updated = h.createUpdate("update resolutions set content=:c, resolved_by=:by, origin=:o, updated_at=:now"
                        + " where ticket_id=:t")
                .bind("c", content).bind("by", resolvedBy).bind("o", origin).bind("now", ts(now)).bind("t", ticketId)
                .execute();
        if (updated == 0) {
            h.createUpdate("insert into resolutions (ticket_id, content, resolved_by, origin, created_at, updated_at)"
                            + " values (:t, :c, :by, :o, :now, :now)")
                    .bind("c", content).bind("by", resolvedBy).bind("o", origin).bind("now", ts(now))
                    .bind("t", ticketId).execute();
        }
        return resolution(h, ticketId).orElseThrow();
    }

    public Optional<Resolution> resolution(Handle h, String ticketId) {
        return h.createQuery("select * from resolutions where ticket_id=:t").bind("t", ticketId)
                .map((rs, ctx) -> new Resolution(rs.getString("ticket_id"), rs.getString("content"),
                        rs.getString("resolved_by"), rs.getString("origin"), instant(rs, "created_at"),
                        instant(rs, "updated_at")))
                .findOne();
    }
}
