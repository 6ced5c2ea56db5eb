package io.ticketbridge.dataformat.servicedeskplus;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.dataformat.support.JsonDataFormatSupport;
import io.ticketbridge.model.FieldMapping;
import io.ticketbridge.connector.PushPlan;
import io.ticketbridge.connector.ConnectorHeaders;
import org.apache.camel.Exchange;

/**
 * {@code sdp-request}: marshal a {@link PushPlan} to the SDP request object; unmarshal an SDP
 * request to hub fields (the integration's field mappings travel in an exchange property).
 */
public final class SdpRequestDataFormat extends JsonDataFormatSupport {

    private final SdpDeskMapper mapper;

    public SdpRequestDataFormat(SdpDeskMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getDataFormatName() {
        return "sdp-request";
    }

    @Override
    protected JsonNode toJson(Exchange exchange, Object graph) {
        PushPlan plan = (PushPlan) graph;
        return mapper.toRemote(plan.fields(), plan.mappings(), plan.template());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object fromJson(Exchange exchange, JsonNode json) {
        List<FieldMapping> mappings = exchange.getProperty(ConnectorHeaders.MAPPINGS, List.class);
        return mapper.toCanonical(json, mappings);
    }
}
