package io.ticketbridge.dataformat.ensono;

import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.dataformat.ensono.EnsonoPlan;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * {@code ensonoTicket}: marshal turns an {@link EnsonoPlan} into the bridge's JSON request
 * ({@code {"payload":{...}}}: a full create, an update with identity + changed fields + unsent comments,
 * or a returnptn); unmarshal turns an Ensono queue message body into hub field changes. All mapping is
 * in {@link EnsonoTicketMapper}.
 */
public final class EnsonoTicketDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    private final EnsonoTicketMapper mapper;

    public EnsonoTicketDataFormat(EnsonoTicketMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getDataFormatName() {
        return "ensonoTicket";
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        if (!(graph instanceof EnsonoPlan plan)) {
            throw new IllegalArgumentException("ensonoTicket marshals an EnsonoPlan, got "
                    + (graph == null ? "null" : graph.getClass().getName()));
        }
        stream.write(Json.writeBytes(payload(plan)));
    }

    public ObjectNode payload(EnsonoPlan plan) {
        return switch (plan.operation()) {
            case "create" -> mapper.createPayload(plan.identity(), plan.ticket(), plan.view(), plan.comments(),
                    plan.defaultContactEmail());
            case "update" -> mapper.updatePayload(plan.identity(), plan.delta(), plan.view(), plan.comments());
            case "returnptn" -> mapper.returnPtnPayload(plan.identity());
            case "approve", "reject" -> mapper.approvalPayload(plan.identity(), plan.delta().get("approver"),
                    plan.delta().get("approvalId"), plan.delta().get("comment"));
            default -> throw new IllegalArgumentException("Nothing to marshal for operation " + plan.operation());
        };
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        JsonNode body = Json.MAPPER.readTree(stream);
        return mapper.inbound().hubChanges(body);
    }
}
