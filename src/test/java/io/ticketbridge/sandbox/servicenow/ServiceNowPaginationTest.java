package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Link headers, X-Total-Count, and pages that are short or empty while more records follow. */
class ServiceNowPaginationTest {

    /** RFC 8288: split on commas outside {@code <...>} only, since URLs may carry commas (sysparm_fields). */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>;\\s*rel=\"([a-z]+)\"");

    private static String rel(String header, String rel) {
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            if (m.group(2).equals(rel)) {
                return m.group(1);
            }
        }
        return null;
    }

    private static List<String> seed(ServiceNowSimulator sim, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(sim.createDirect("incident", fields("short_description", "n" + i)));
        }
        return ids;
    }

    /** Follows rel="next" only, never computing offsets itself, until there is none. */
    private static List<String> walk(SnClient client, String firstPath, List<Integer> pageSizes) {
        List<String> seen = new ArrayList<>();
        String next = firstPath;
        while (next != null) {
            SnClient.Response page = client.get(next);
            assertThat(page.status()).isEqualTo(200);
            pageSizes.add(page.result().size());
            page.result().forEach(row -> seen.add(row.get("sys_id").asText()));
            next = rel(page.header("Link"), "next");
        }
        return seen;
    }

    @Test
    void linkHeaderIsWrittenAsServiceNowWritesIt() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.start()) {
            seed(sim, 7);
            SnClient client = SnClient.basic(sim);

            SnClient.Response first = client.get("/api/now/table/incident?sysparm_query=active%3Dtrue&sysparm_limit=3");
            SnClient.Response middle = client.get("/api/now/table/incident?sysparm_limit=3&sysparm_offset=3");
            SnClient.Response last = client.get("/api/now/table/incident?sysparm_limit=3&sysparm_offset=6");

            String base = sim.baseUrl() + "/api/now/table/incident?";
            assertThat(first.header("X-Total-Count")).isEqualTo("7");
            assertThat(first.header("Link")).isEqualTo(
                    "<" + base + "sysparm_query=active%3Dtrue&sysparm_limit=3&sysparm_offset=0>;rel=\"first\","
                    + "<" + base + "sysparm_query=active%3Dtrue&sysparm_limit=3&sysparm_offset=-3>;rel=\"prev\","
                    + "<" + base + "sysparm_query=active%3Dtrue&sysparm_limit=3&sysparm_offset=3>;rel=\"next\","
                    + "<" + base + "sysparm_query=active%3Dtrue&sysparm_limit=3&sysparm_offset=6>;rel=\"last\"");
            assertThat(middle.header("Link")).isEqualTo(
                    "<" + base + "sysparm_limit=3&sysparm_offset=0>;rel=\"first\","
                    + "<" + base + "sysparm_limit=3&sysparm_offset=0>;rel=\"prev\","
                    + "<" + base + "sysparm_limit=3&sysparm_offset=6>;rel=\"next\","
                    + "<" + base + "sysparm_limit=3&sysparm_offset=6>;rel=\"last\"");
            assertThat(last.result()).hasSize(1);
            assertThat(rel(last.header("Link"), "next")).isNull();
            assertThat(rel(last.header("Link"), "last")).endsWith("sysparm_offset=6");
        }
    }

    @Test
    void linkUrlsKeepCommasOfSysparmFieldsAsSent() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.start()) {
            seed(sim, 3);
            SnClient.Response page = SnClient.basic(sim)
                    .get("/api/now/table/incident?sysparm_fields=sys_id,number&sysparm_limit=2");

            assertThat(rel(page.header("Link"), "next"))
                    .isEqualTo(sim.baseUrl() + "/api/now/table/incident?sysparm_fields=sys_id,number&sysparm_limit=2"
                            + "&sysparm_offset=2");
            // A client splitting the header on every comma gets a broken URL.
            assertThat(page.header("Link").split(",")[0]).doesNotEndWith("rel=\"first\"");
        }
    }

    @Test
    void shortPagesStillLeadToEveryRecordExactlyOnceThroughRelNext() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder().shortPages(3, 4).start()) {
            List<String> ids = seed(sim, 40);
            SnClient client = SnClient.basic(sim);
            List<Integer> sizes = new ArrayList<>();

            List<String> seen = walk(client, "/api/now/table/incident?sysparm_limit=10&sysparm_fields=sys_id", sizes);

            assertThat(seen).hasSize(40).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            assertThat(sizes).containsExactly(10, 10, 6, 10, 4);
            SnClient.Response first = client.get("/api/now/table/incident?sysparm_limit=10");
            assertThat(first.header("X-Total-Count")).isEqualTo("44");
        }
    }

    @Test
    void anEmptyPageIsFollowedByMore() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder().hiddenRowsPerPage(0, Integer.MAX_VALUE, 2)
                .start()) {
            List<String> ids = seed(sim, 12);
            SnClient client = SnClient.basic(sim);
            List<Integer> sizes = new ArrayList<>();

            List<String> seen = walk(client, "/api/now/table/incident?sysparm_limit=5", sizes);

            assertThat(sizes).containsExactly(5, 0, 3, 4);
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void aClientThatStopsOnAShortPageMissesRecords() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder().shortPages(2, 1).start()) {
            seed(sim, 30);
            SnClient client = SnClient.basic(sim);
            Set<String> naive = new HashSet<>();
            int offset = 0;
            while (true) {
                SnClient.Response page = client.get("/api/now/table/incident?sysparm_limit=10&sysparm_offset=" + offset);
                page.result().forEach(row -> naive.add(row.get("sys_id").asText()));
                if (page.result().size() < 10) {
                    break;
                }
                offset += 10;
            }
            assertThat(naive).hasSize(19);
            assertThat(walk(client, "/api/now/table/incident?sysparm_limit=10", new ArrayList<>())).hasSize(30);
        }
    }

    @Test
    void sortedPagesWithTiedTimestampsNeitherSkipNorRepeat() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.builder()
                .clock(io.ticketbridge.sandbox.support.SimClock.fixed(java.time.Instant.parse("2024-06-03T10:00:00Z")))
                .start()) {
            List<String> ids = seed(sim, 25);
            List<String> seen = walk(SnClient.basic(sim),
                    "/api/now/table/incident?sysparm_query=ORDERBYDESCsys_updated_on&sysparm_limit=4", new ArrayList<>());

            assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
        }
    }

    @Test
    void noCountAndSuppressedPaginationHeaders() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.start()) {
            seed(sim, 3);
            SnClient client = SnClient.basic(sim);

            SnClient.Response noCount = client.get("/api/now/table/incident?sysparm_limit=2&sysparm_no_count=true");
            SnClient.Response suppressed = client.get("/api/now/table/incident?sysparm_suppress_pagination_header=true");

            assertThat(noCount.header("X-Total-Count")).isNull();
            assertThat(rel(noCount.header("Link"), "last")).isNull();
            assertThat(rel(noCount.header("Link"), "next")).endsWith("sysparm_offset=2");
            assertThat(suppressed.header("Link")).isNull();
            assertThat(suppressed.header("X-Total-Count")).isEqualTo("3");
        }
    }

    @Test
    void negativeOffsetOrBadLimitIs400() {
        try (ServiceNowSimulator sim = ServiceNowSimulator.start()) {
            SnClient client = SnClient.basic(sim);

            SnClient.Response offset = client.get("/api/now/table/incident?sysparm_offset=-3");
            SnClient.Response limit = client.get("/api/now/table/incident?sysparm_limit=ten");

            assertThat(offset.status()).isEqualTo(400);
            assertThat(offset.json()).isEqualTo(SnClient.json("""
                    {"error":{"message":"Invalid value for sysparm_offset: -3",
                     "detail":"sysparm_offset must be an integer >= 0"},"status":"failure"}"""));
            assertThat(limit.status()).isEqualTo(400);
            assertThat(client.get("/api/now/table/incident").result()).isEmpty();
        }
    }
}
