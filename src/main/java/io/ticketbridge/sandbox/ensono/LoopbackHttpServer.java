package io.ticketbridge.sandbox.ensono;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** JDK HTTP server on 127.0.0.1 only, with a bounded worker pool so a runaway client cannot spawn threads without limit. */
final class LoopbackHttpServer {

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    LoopbackHttpServer(int port, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        AtomicInteger counter = new AtomicInteger();
        // when all workers are busy and the queue is full the dispatcher runs the exchange itself: slower, never dropped
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
                r -> {
                    Thread t = new Thread(r, "ensono-sim-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** Immediate stop; workers sleeping in an injected delay are interrupted. */
    void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
