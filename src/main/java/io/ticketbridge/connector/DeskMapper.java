package io.ticketbridge.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Attachment;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.model.TicketTemplate;
import io.ticketbridge.model.TimeLog;

/**
 * What the generic sync needs to know about one service desk's data: its mapping between hub
 * fields and the vendor's objects. Each desk connector's data formats are thin wrappers over an
 * implementation of this (pure Java, no I/O).
 */
public interface DeskMapper {

    String platform();

    Set<String> syncedFields(List<FieldMapping> custom);

    /** The vendor ticket object for these hub fields (a template only on create). */
    JsonNode toRemote(Map<String, Object> fields, List<FieldMapping> custom, TicketTemplate template);

    Map<String, Object> toCanonical(JsonNode remote, List<FieldMapping> custom);

    String remoteId(JsonNode remote);

    String remoteNumber(JsonNode remote);

    Instant remoteUpdatedAt(JsonNode remote);

    /** The vendor's list query for tickets changed after {@code since} (null: all), one page. */
    JsonNode changedSinceQuery(Instant since, int pageSize);

    List<JsonNode> listItems(JsonNode listResponse);

    /**
     * The vendor's list query for tickets that a create of these fields, sent at or after
     * {@code since}, would have produced: used to adopt a create whose answer was lost.
     */
    JsonNode createdSinceQuery(Map<String, Object> fields, Instant since);

    JsonNode commentToRemote(Comment comment);

    JsonNode timeLogToRemote(TimeLog timeLog);

    record RemoteComment(String id, String body, String author, String email, boolean isPublic, Instant createdAt) {
    }

    record RemoteAttachment(String id, String name, String contentType, long size) {
    }

    record RemoteTimeLog(String id, int minutes, String description, String author, Instant startedAt) {
    }

    List<RemoteComment> comments(JsonNode listResponse);

    List<RemoteAttachment> attachments(JsonNode listResponse);

    List<RemoteTimeLog> timeLogs(JsonNode listResponse);

    /** The id the vendor gave an item we created (note, worklog, attachment) in its answer. */
    String createdItemId(JsonNode response);

    /** One page of the desk API's search (GET /api/integrations/{id}/list): the vendor's list query. */
    JsonNode searchQuery(String text, String status, int page, int pageSize);

    /** A search answer: the page's tickets, the total (null when unknown) and whether more follow. */
    record SearchPage(List<JsonNode> items, Long total, boolean hasMore) {
    }

    SearchPage searchPage(JsonNode answer, int pageSize);

    /** Hub field → vendor field path in effect, with the integration's custom mappings (GET field-mappings). */
    Map<String, String> effectiveFieldPaths(List<FieldMapping> custom);

    /** The vendor's body linking the linked ticket to another of its tickets ({@code comments} may be null). */
    JsonNode linkToRemote(String otherRemoteId, String comments);

    /** The resolution text the vendor ticket carries, or null. */
    default String remoteResolution(JsonNode remote) {
        return null;
    }

    /** Sent with an attachment upload; unused by most desks. */
    default String attachmentFileName(Attachment a) {
        return a.filename();
    }
}
