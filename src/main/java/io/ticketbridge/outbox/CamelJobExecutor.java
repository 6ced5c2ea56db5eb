package io.ticketbridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Integration;
import io.ticketbridge.model.Job;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;

/**
 * Runs a job through the YAML route {@code direct:job-dispatch}, which picks the connector flow by
 * platform. The job's identity travels in headers; its payload is the body.
 */
public final class CamelJobExecutor implements JobExecutor {

    public static final String JOB_ID = "TicketBridgeJobId";
    public static final String JOB_KIND = "TicketBridgeJobKind";
    public static final String INTEGRATION_ID = "TicketBridgeIntegrationId";
    public static final String PLATFORM = "TicketBridgePlatform";
    public static final String TICKET_ID = "TicketBridgeTicketId";
    public static final String SPACE_ID = "TicketBridgeSpaceId";
    public static final String ATTEMPT = "TicketBridgeAttempt";
    public static final String JOB_CREATED_AT = "TicketBridgeJobCreatedAt";
    /** HTTP status of the previous attempt's failure; absent when no answer came back (timeout, reset). */
    public static final String LAST_STATUS = "TicketBridgeLastStatus";
    public static final String RESULT_STATUS = "TicketBridgeResultStatus";

    private final ProducerTemplate template;

    public CamelJobExecutor(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public Result execute(Job job, Integration integration) throws Exception {
        Exchange result = template.send("direct:job-dispatch", e -> {
            var m = e.getIn();
            m.setHeader(JOB_ID, job.id());
            m.setHeader(JOB_KIND, job.kind());
            m.setHeader(INTEGRATION_ID, integration.id());
            m.setHeader(PLATFORM, integration.platform());
            m.setHeader(TICKET_ID, job.ticketId());
            m.setHeader(SPACE_ID, job.spaceId());
            m.setHeader(ATTEMPT, job.attempts());
            m.setHeader(JOB_CREATED_AT, job.createdAt().toEpochMilli());
            if (job.lastStatus() != null) {
                m.setHeader(LAST_STATUS, job.lastStatus());
            }
            m.setBody(Json.write(job.payload()));
        });
        Exception failure = result.getException();
        if (failure != null) {
            if (failure instanceof DirectConsumerNotAvailableException) {
                throw new NotNow("job dispatch route is not running");
            }
            throw failure;
        }
        Object body = result.getMessage().getBody();
        JsonNode node = body == null ? null : toJson(result.getMessage().getBody(String.class));
        return new Result(node, result.getMessage().getHeader(RESULT_STATUS, Integer.class));
    }

    private static JsonNode toJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.read(text);
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        }
    }
}
