package io.ticketbridge.sandbox.sdp;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server on 127.0.0.1 with a bounded pool of daemon handler threads. */
final class LoopbackServer {

    static {
        // The JDK server writes headers and body in separate packets; with Nagle on, each response then waits
        // for the client's delayed ACK (~40 ms). The property is read once per JVM, before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    LoopbackServer(int port, int threads, HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
        server.createContext("/", handler);
        AtomicInteger threadNo = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sdp-sim-" + threadNo.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        // Interrupts handlers parked in delayNext, which then drop their connections.
        executor.shutdownNow();
    }
}
