package io.ticketbridge.dataformat.servicedeskplus;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.dataformat.support.JsonDataFormatSupport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Comment;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Resolution;
import io.ticketbridge.model.TimeLog;
import org.apache.camel.Exchange;

/** {@code sdp-note}: a hub comment as an SDP note, a time log as a worklog, a resolution as a resolution. */
public final class SdpNoteDataFormat extends JsonDataFormatSupport {

    private final SdpDeskMapper mapper;

    public SdpNoteDataFormat(SdpDeskMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getDataFormatName() {
        return "sdp-note";
    }

    @Override
    protected JsonNode toJson(Exchange exchange, Object graph) {
        if (graph instanceof TimeLog t) {
            return mapper.timeLogToRemote(t);
        }
        if (graph instanceof Resolution r) {
            ObjectNode res = Json.object();
            res.put("content", r.content());
            res.put("add_to_linked_requests", false);
            return res;
        }
        return mapper.commentToRemote((Comment) graph);
    }

    @Override
    protected Object fromJson(Exchange exchange, JsonNode json) {
        return json;
    }
}
