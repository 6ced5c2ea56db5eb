package io.ticketbridge.component.servicedeskplus;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.ticketbridge.connector.DeskConnector;
import io.ticketbridge.connector.DeskMapper;
import io.ticketbridge.connector.DeskOperation;
import io.ticketbridge.connector.DeskWebhook;
import io.ticketbridge.connector.FlatConfig;
import io.ticketbridge.dataformat.servicedeskplus.SdpDeskMapper;
import io.ticketbridge.dataformat.servicedeskplus.SdpNoteDataFormat;
import io.ticketbridge.dataformat.servicedeskplus.SdpRequestDataFormat;
import io.ticketbridge.dataformat.servicedeskplus.SdpRequestMapper;
import io.ticketbridge.dataformat.support.ValueTables;
import org.apache.camel.spi.DataFormat;

/** ManageEngine ServiceDesk Plus (seed 000) on the connector seam. */
public final class ServiceDeskPlusConnector implements DeskConnector {

    public static final String PLATFORM = "servicedeskplus";

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public String title() {
        return "ManageEngine ServiceDesk Plus";
    }

    @Override
    public String scheme() {
        return "servicedeskplus";
    }

    @Override
    public List<String> aliases() {
        return List.of("manageengine-servicedesk", "servicedesk-plus");
    }

    @Override
    public Set<String> jobKinds() {
        return DeskOperation.DESK_JOB_KINDS;
    }

    @Override
    public Set<String> actions() {
        return Set.of("test", "getRequest", "listRequests", "listNotes", "listAttachments", "listWorklogs",
                "getResolution", "listLinks", "addNote", "updateRequest", "closeRequest",
                DeskOperation.GET_TICKET, DeskOperation.LIST_TICKETS, DeskOperation.LIST_COMMENTS,
                DeskOperation.ADD_COMMENT, DeskOperation.UPDATE_TICKET, DeskOperation.CLOSE_TICKET,
                DeskOperation.LIST_TIME_LOGS);
    }

    @Override
    public DeskMapper mapper(Path valueTables) {
        return new SdpDeskMapper(new SdpRequestMapper(new ValueTables(valueTables)));
    }

    @Override
    public DataFormat recordFormat(DeskMapper mapper) {
        return new SdpRequestDataFormat((SdpDeskMapper) mapper);
    }

    @Override
    public DataFormat noteFormat(DeskMapper mapper) {
        return new SdpNoteDataFormat((SdpDeskMapper) mapper);
    }

    @Override
    public DeskWebhook webhook() {
        return new SdpWebhook();
    }

    @Override
    public FlatConfig flatConfig() {
        return new SdpFlatConfig();
    }
}
