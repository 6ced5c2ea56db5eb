package io.ticketbridge.servicenow;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ticketbridge.api.ApiRoutes;
import io.ticketbridge.api.ApiSupport;
import io.ticketbridge.component.servicenow.ServiceNowOperations;
import io.ticketbridge.component.support.ConnectorGateway;
import io.ticketbridge.connector.ConnectorContext;
import io.ticketbridge.connector.DeskConnector;
import io.ticketbridge.connector.DeskMapper;
import io.ticketbridge.connector.DeskOperation;
import io.ticketbridge.connector.DeskWebhook;
import io.ticketbridge.connector.FlatConfig;
import io.ticketbridge.dataformat.servicenow.ServiceNowDeskMapper;
import io.ticketbridge.dataformat.servicenow.ServiceNowNoteDataFormat;
import io.ticketbridge.dataformat.servicenow.ServiceNowRecordDataFormat;
import io.ticketbridge.dataformat.servicenow.ServiceNowRecordMapper;
import io.ticketbridge.dataformat.support.ValueTables;
import org.apache.camel.spi.DataFormat;

/**
 * ServiceNow (seed 002) on the connector seam: the {@code servicenow-table} component over the Table and
 * Attachment APIs, the shared desk flows (routes/servicenow.camel.yaml), and seed 002's own API
 * ({@code /api/servicenow/...}), which it registers at install.
 */
public final class ServiceNowConnector implements DeskConnector {

    public static final String PLATFORM = "servicenow";

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public String title() {
        return "ServiceNow";
    }

    @Override
    public String scheme() {
        return "servicenow-table";
    }

    @Override
    public List<String> aliases() {
        return List.of("servicenow");
    }

    @Override
    public Set<String> jobKinds() {
        return DeskOperation.DESK_JOB_KINDS;
    }

    @Override
    public Set<String> actions() {
        Set<String> out = new HashSet<>(DeskOperation.ALL);
        out.add(ServiceNowOperations.LIST_CLOSE_CODES);
        return out;
    }

    @Override
    public DeskMapper mapper(Path valueTables) {
        return new ServiceNowDeskMapper(new ServiceNowRecordMapper(new ValueTables(valueTables)));
    }

    @Override
    public DataFormat recordFormat(DeskMapper mapper) {
        return new ServiceNowRecordDataFormat((ServiceNowDeskMapper) mapper);
    }

    @Override
    public DataFormat noteFormat(DeskMapper mapper) {
        return new ServiceNowNoteDataFormat((ServiceNowDeskMapper) mapper);
    }

    @Override
    public DeskWebhook webhook() {
        return new ServiceNowWebhook(Clock.systemUTC());
    }

    @Override
    public FlatConfig flatConfig() {
        return new ServiceNowFlatConfig();
    }

    @Override
    public void install(ConnectorContext ctx) {
        ApiRoutes routes = ctx.service("apiRoutes", ApiRoutes.class);
        ConnectorGateway gateway = ctx.service("connectorGateway", ConnectorGateway.class);
        ServiceNowConfigApi config = new ServiceNowConfigApi(ctx.service("apiSupport", ApiSupport.class), gateway,
                flatConfig());
        config.register(routes);
        new ServiceNowApi(config, gateway).register(routes);
    }
}
