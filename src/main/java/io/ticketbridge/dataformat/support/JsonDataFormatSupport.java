package io.ticketbridge.dataformat.support;

import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatContentTypeHeader;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/** Base of the vendor data formats: JSON bytes out with a content type, JSON tree in. */
public abstract class JsonDataFormatSupport extends ServiceSupport
        implements DataFormat, DataFormatName, DataFormatContentTypeHeader {

    private boolean contentTypeHeader = true;

    protected abstract JsonNode toJson(Exchange exchange, Object graph) throws Exception;

    protected abstract Object fromJson(Exchange exchange, JsonNode json) throws Exception;

    @Override
    public final void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        stream.write(Json.writeBytes(toJson(exchange, graph)));
        if (contentTypeHeader) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }

    @Override
    public final Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return fromJson(exchange, Json.MAPPER.readTree(stream));
    }

    @Override
    public void setContentTypeHeader(boolean contentTypeHeader) {
        this.contentTypeHeader = contentTypeHeader;
    }

    public boolean isContentTypeHeader() {
        return contentTypeHeader;
    }

    @Override
    protected void doStart() {
        // stateless
    }

    @Override
    protected void doStop() {
        // stateless
    }
}
