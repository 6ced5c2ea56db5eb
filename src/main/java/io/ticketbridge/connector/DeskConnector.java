package io.ticketbridge.connector;

import java.nio.file.Path;

import org.apache.camel.spi.DataFormat;

/**
 * A service desk: a connector the shared two-way sync and the desk API work with. Its component accepts
 * the {@link DeskOperation} names and the {@link ConnectorHeaders}; its data formats wrap its pure
 * {@link DeskMapper}; its flows are the desk route templates (routes/desk-*.camel.yaml) instantiated in
 * routes/&lt;platform&gt;.camel.yaml with its scheme and the data formats bound as
 * {@code <platform>RecordFormat} and {@code <platform>NoteFormat}.
 */
public interface DeskConnector extends Connector {

    /** The pure mapper over this desk's value tables ({@code config/mappings/<platform>.yaml}). */
    DeskMapper mapper(Path valueTables);

    /** Marshals a {@link PushPlan} to the vendor's ticket object; unmarshals a vendor ticket to hub fields. */
    DataFormat recordFormat(DeskMapper mapper);

    /** Marshals a hub comment, time log or resolution (exchange property {@link ConnectorHeaders#ITEM}). */
    DataFormat noteFormat(DeskMapper mapper);

    /** How the desk's webhooks are verified and read. */
    DeskWebhook webhook();

    /** The flat configuration body of {@code POST /api/integrations/<alias>}. */
    FlatConfig flatConfig();
}
