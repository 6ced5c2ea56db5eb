package io.ticketbridge;

import org.apache.camel.main.Main;

/** camel-main bootstrap placeholder; replaced by the runtime foundation. */
public final class TicketBridge {
    private TicketBridge() {
    }

    public static void main(String[] args) throws Exception {
        new Main(TicketBridge.class).run(args);
    }
}
