package io.ticketbridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** A closed-loop HTTP load driver: N workers send requests back to back for a fixed time. */
final class LoadDriver {

    record Result(String name, long requests, long errors, double seconds, double p50Millis, double p99Millis) {
        double throughput() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-28s %8d req  %6d err  %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms", name, requests,
                    errors, throughput(), p50Millis, p99Millis);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Result run(String name, int workers, Duration warmup, Duration measure, Supplier<HttpRequest> request,
               int expectedStatus) throws Exception {
        drive(workers, warmup, request, expectedStatus);
        return drive(workers, measure, request, expectedStatus).named(name);
    }

    private Measured drive(int workers, Duration duration, Supplier<HttpRequest> request, int expectedStatus)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = http.send(request.get(), HttpResponse.BodyHandlers.discarding());
                    long t1 = System.nanoTime();
                    if (r.statusCode() != expectedStatus) {
                        errors.incrementAndGet();
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = t1 - t0;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Measured(merged, errors.get(), seconds);
    }

    private record Measured(long[] sortedNanos, long errors, double seconds) {
        Result named(String name) {
            return new Result(name, sortedNanos.length, errors, seconds, pct(0.50), pct(0.99));
        }

        double pct(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
        }
    }

    static HttpRequest.Builder to(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }
}
