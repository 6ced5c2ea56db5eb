package io.ticketbridge.testing;

/**
 * Benchmarks measure the JVM as {@code java -jar} runs it. Surefire enables assertions ({@code -ea}) for
 * every class, and libraries keep costly consistency checks behind {@code assert}: H2, for one, re-measures
 * the used file length over all its chunks at every chunk write (about 7% of the process's CPU in
 * InboundBenchmark). TicketBridge's own code has no {@code assert} statements; the tests check with AssertJ.
 */
public final class ProductionJvm {

    private ProductionJvm() {
    }

    /**
     * Classes loaded from now on run with assertions off, as in production (a class loader's own setting
     * overrides the command line's). Call it before the runtime starts; returns what the store's classes get.
     */
    public static String assertionsOff() {
        ClassLoader app = ClassLoader.getSystemClassLoader();
        app.setDefaultAssertionStatus(false);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != app) {
            context.setDefaultAssertionStatus(false);
        }
        try {
            Class<?> store = Class.forName("org.h2.mvstore.MVStore", false, app);
            return "assertions " + (store.desiredAssertionStatus() ? "ON" : "off") + " (as java -jar)";
        } catch (ClassNotFoundException e) {
            return "assertions off";
        }
    }
}
