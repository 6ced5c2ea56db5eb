package io.ticketbridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.ConnectorHeaders;
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

    private final ProducerTemplate template;

    public CamelJobExecutor(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public Result execute(Job job, Integration integration) throws Exception {
        Exchange result = template.send("direct:job-dispatch", e -> {
            var m = e.getIn();
            m.setHeader(ConnectorHeaders.JOB_ID, job.id());
            m.setHeader(ConnectorHeaders.JOB_KIND, job.kind());
            m.setHeader(ConnectorHeaders.INTEGRATION_ID, integration.id());
            m.setHeader(ConnectorHeaders.PLATFORM, integration.platform());
            m.setHeader(ConnectorHeaders.TICKET_ID, job.ticketId());
            m.setHeader(ConnectorHeaders.SPACE_ID, job.spaceId());
            m.setHeader(ConnectorHeaders.ATTEMPT, job.attempts());
            m.setHeader(ConnectorHeaders.JOB_CREATED_AT, job.createdAt().toEpochMilli());
            if (job.lastStatus() != null) {
                m.setHeader(ConnectorHeaders.LAST_STATUS, job.lastStatus());
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
        return new Result(node, result.getMessage().getHeader(ConnectorHeaders.RESULT_STATUS, Integer.class));
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
