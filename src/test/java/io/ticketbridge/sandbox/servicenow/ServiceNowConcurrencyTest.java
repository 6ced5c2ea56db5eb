package io.ticketbridge.sandbox.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Eight concurrent connections, as the runtime's bulk push uses. */
class ServiceNowConcurrencyTest {

    @Test
    void concurrentCreatesAndJournalWritesLoseNothing() throws Exception {
        try (ServiceNowSimulator sim = ServiceNowSimulator.start()) {
            SnClient client = SnClient.basic(sim);
            String shared = client.createIncident("{\"short_description\":\"shared\"}");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            client.createIncident("{\"short_description\":\"t" + thread + "-" + i + "\"}");
                            client.patch("/api/now/table/incident/" + shared, "{\"work_notes\":\"t" + thread + "-" + i + "\"}");
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }

            List<Map<String, String>> incidents = sim.records("incident");
            assertThat(incidents).hasSize(201);
            assertThat(incidents).extracting(r -> r.get("number")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(10001, 10201)
                            .mapToObj(n -> "INC00" + n).toList());
            assertThat(incidents).extracting(r -> r.get("sys_id")).doesNotHaveDuplicates();
            assertThat(sim.journal(shared)).hasSize(200);
            assertThat(sim.record("incident", shared).get("sys_mod_count")).isEqualTo("200");
        }
    }
}
