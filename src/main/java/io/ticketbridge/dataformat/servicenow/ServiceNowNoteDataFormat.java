package io.ticketbridge.dataformat.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.dataformat.support.JsonDataFormatSupport;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.TimeLog;
import org.apache.camel.Exchange;

/**
 * {@code servicenow-note}: a hub comment as a journal write ({"comments"} or {"work_notes"}), a time
 * log as a task_time_worked row, a resolution as its close notes.
 */
public final class ServiceNowNoteDataFormat extends JsonDataFormatSupport {

    private final ServiceNowDeskMapper mapper;

    public ServiceNowNoteDataFormat(ServiceNowDeskMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getDataFormatName() {
        return "servicenow-note";
    }

    @Override
    protected JsonNode toJson(Exchange exchange, Object graph) {
        if (graph instanceof TimeLog t) {
            return mapper.timeLogToRemote(t);
        }
        if (graph instanceof Resolution r) {
            return mapper.resolutionToRemote(r);
        }
        return mapper.commentToRemote((Comment) graph);
    }

    @Override
    protected Object fromJson(Exchange exchange, JsonNode json) {
        return json;
    }
}
