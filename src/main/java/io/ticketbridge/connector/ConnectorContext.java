package io.ticketbridge.connector;

import java.nio.file.Path;

import org.apache.camel.CamelContext;

/** What a connector may use while it installs itself: settings, the config directory and the registry. */
public interface ConnectorContext {

    CamelContext camel();

    /** A setting ({@code ticketbridge.*}, overridable by environment variables), or the fallback. */
    String setting(String key, String fallback);

    /** The configuration directory (config/): value tables under mappings/, rules files. */
    Path configDir();

    /** A shared runtime service by its registry name (the hub store, the HTTP client, the API routes ...). */
    <T> T service(String name, Class<T> type);

    void bind(String name, Object bean);
}
