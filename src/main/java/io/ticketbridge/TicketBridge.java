package io.ticketbridge;

import io.ticketbridge.runtime.RuntimeLayout;
import org.apache.camel.main.Main;

/**
 * camel-main bootstrap: points Camel at config/ and routes/ on disk, nothing else. Everything the
 * runtime needs is assembled by {@link io.ticketbridge.runtime.HubConfiguration}.
 */
public final class TicketBridge {

    private TicketBridge() {
    }

    public static void main(String[] args) throws Exception {
        RuntimeLayout layout = RuntimeLayout.fromEnvironment();
        layout.configureLogging();
        Main main = new Main(TicketBridge.class);
        layout.applyTo(main);
        main.run(args);
    }
}
