package io.ticketbridge.sync.contract;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.TestRuntime;

/**
 * One desk under the shared contract suite: a running TicketBridge with an integration of that desk, its
 * simulator, and the few vendor-side views and agent actions the suite needs, in hub terms.
 */
interface DeskBed extends AutoCloseable {

    TestRuntime rt();

    /** The caller the suite uses (the integration's space). */
    ApiClient api();

    String integrationId();

    /** The generic desk endpoints of this integration. */
    default String desk() {
        return "/api/integrations/" + integrationId();
    }

    /** The vendor's subject (title) of a remote ticket. */
    String remoteSubject(String remoteId);

    /** How many remote tickets carry this subject. */
    long remoteTicketsWithSubject(String subject);

    /** An agent changes the subject in the desk (its updated time moves). */
    void agentEditsSubject(String remoteId, String subject);

    /** An agent adds a public comment in the desk. */
    void agentComments(String remoteId, String text);

    /** An agent raises a ticket in the desk; its remote id. */
    String agentCreates(String subject);

    /** An agent logs time on the remote ticket. */
    void agentLogsTime(String remoteId, int minutes, String description);

    /** The descriptions of the remote ticket's time logs. */
    List<String> remoteTimeLogs(String remoteId);

    /** Every comment or note text on the remote ticket, oldest first. */
    List<String> remoteComments(String remoteId);

    List<String> remoteAttachmentNames(String remoteId);

    /** The vendor fields of each update sent to the remote ticket after its create, oldest first. */
    List<JsonNode> updatesSent(String remoteId);

    /** A vendor field path a hub custom field can be mapped to, and its text on a remote ticket. */
    String customFieldPath();

    String remoteText(String remoteId, String path);

    /** A template's desk default that a hub ticket does not set: its field, its value, and its text when read back. */
    record TemplateDefault(String field, Object value, String expected) {
    }

    TemplateDefault templateDefault();

    /** The vendor field the hub priority goes to, and the one subject goes to. */
    String priorityField();

    String subjectField();

    /** The desk's webhook for this ticket, correctly signed or not. */
    ApiClient.Response webhook(String remoteId, boolean valid);

    @Override
    void close();
}
