package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.ensono.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hub → Ensono against the simulator over real HTTP: triggering, create, delta updates, error rules. */
class EnsonoOutboundTest {

    static EnsonoTestSupport env;

    @BeforeAll
    static void start() {
        // the resend wait (3-4 s here, 60-120 s in production) outlasts the 2 s timeout plus the slow answer
        env = new EnsonoTestSupport("outbound.fifo", 30, "sqs", true, Map.of(
                "ticketbridge.ensono.timeout-resend-min-seconds", "3",
                "ticketbridge.ensono.timeout-resend-max-seconds", "4"), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private JsonNode createAndAwaitLink(Map<String, Object> fields) {
        JsonNode t = env.createTicket(fields);
        await().until(() -> env.linkNumber(t.path("id").asText()) != null);
        return t;
    }

    @Test
    void inScopeTicketIsCreatedOnceWithEveryRequiredFieldAndOutOfScopeIsNot() {
        JsonNode t = createAndAwaitLink(Map.of("subject", "VPN down", "description", "Tunnel down since 09:00",
                "group", "Network", "priority", "high", "requester_name", "Jane Doe",
                "requester_email", "jane@acme.example", "cis", List.of("vpn-gw-01", "vpn-gw-02")));
        String number = t.path("number").asText();
        JsonNode sim = env.simTicketFor(number);
        assertThat(sim).isNotNull();
        assertThat(sim.path("ticketNumber").asText()).isEqualTo(env.linkNumber(t.path("id").asText()));
        RecordedRequest create = env.requests("POST", "/tickets").stream()
                .filter(r -> number.equals(r.payload().path("clientTicketNumber").asText())).findFirst().orElseThrow();
        JsonNode p = create.payload();
        assertThat(p.path("clientName").asText()).isEqualTo("acme");
        assertThat(p.path("ticketType").asText()).isEqualTo("Incident");
        assertThat(p.path("shortDescription").asText()).isEqualTo("VPN down");
        assertThat(p.path("description").asText()).startsWith("Tunnel down since 09:00");
        assertThat(p.path("priority").asText()).isEqualTo("2");
        assertThat(p.path("group").asText()).isEqualTo("Ensono Service Desk");
        assertThat(p.path("cis").asText()).isEqualTo("vpn-gw-01,vpn-gw-02");
        assertThat(p.path("contactName").asText()).isEqualTo("Jane Doe");
        assertThat(p.path("contactEmail").asText()).isEqualTo("jane@acme.example");
        assertThat(create.header("x-api-key")).contains(EnsonoTestSupport.API_KEY);

        JsonNode hr = env.createTicket(Map.of("subject", "Payroll question", "group", "HR"));
        JsonNode marker = createAndAwaitLink(Map.of("subject", "marker", "group", "Network"));
        assertThat(env.simTicketFor(hr.path("number").asText())).isNull();
        assertThat(env.linkNumber(hr.path("id").asText())).isNull();
        assertThat(env.simTicketsFor(marker.path("number").asText())).isEqualTo(1);
    }

    @Test
    void anUpdateCarriesIdentityAndOnlyTheChangedFieldsAndCommentsGoOnce() {
        JsonNode t = createAndAwaitLink(Map.of("subject", "Disk full", "description", "Volume /data at 99%",
                "group", "Servers", "priority", "low"));
        String id = t.path("id").asText();
        String ensono = env.linkNumber(id);
        assertThat(env.api.patch("/api/tickets/" + id, Map.of("priority", "urgent")).status()).isEqualTo(200);
        await().until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 1);
        JsonNode p = env.requests("PUT", "/tickets/" + ensono).get(0).payload();
        assertThat(fieldNames(p)).containsExactlyInAnyOrder("clientName", "clientTicketNumber", "ticketType",
                "priority");
        assertThat(p.path("priority").asText()).isEqualTo("1");

        assertThat(env.api.post("/api/tickets/" + id + "/comments", Map.of("body", "Freed 20 GB", "author", "bob"))
                .status()).isEqualTo(201);
        await().until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 2);
        JsonNode withComment = env.requests("PUT", "/tickets/" + ensono).get(1).payload();
        assertThat(fieldNames(withComment)).containsExactlyInAnyOrder("clientName", "clientTicketNumber",
                "ticketType", "comments");
        assertThat(withComment.path("comments")).hasSize(1);
        assertThat(withComment.path("comments").get(0).path("body").asText()).isEqualTo("Freed 20 GB");
        assertThat(withComment.path("comments").get(0).path("commenter").asText()).isEqualTo("bob");

        assertThat(env.api.patch("/api/tickets/" + id, Map.of("subject", "Disk full on db-01")).status())
                .isEqualTo(200);
        await().until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 3);
        JsonNode third = env.requests("PUT", "/tickets/" + ensono).get(2).payload();
        assertThat(fieldNames(third)).containsExactlyInAnyOrder("clientName", "clientTicketNumber", "ticketType",
                "shortDescription");
        assertThat(env.sim.ticket(ensono).orElseThrow().path("comments")).hasSize(1);
    }

    @Test
    void internalGroupResolutionAndReopen() {
        JsonNode t = createAndAwaitLink(Map.of("subject", "Printer jam", "group", "Network"));
        String id = t.path("id").asText();
        String ensono = env.linkNumber(id);
        env.api.patch("/api/tickets/" + id, Map.of("group", "Desktop Support"));
        await().until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 1);
        JsonNode moved = env.requests("PUT", "/tickets/" + ensono).get(0).payload();
        assertThat(moved.path("group").asText()).isEqualTo("Client Generic");
        assertThat(moved.path("status").asText()).isEqualTo("pending");

        env.api.put("/api/tickets/" + id + "/resolution", Map.of("content", "Replaced the roller"));
        await().until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 2);
        JsonNode resolved = env.requests("PUT", "/tickets/" + ensono).get(1).payload();
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("closeNotes").asText()).isEqualTo("Replaced the roller");
        assertThat(env.sim.ticket(ensono).orElseThrow().path("status").asText()).isEqualTo("resolved");

        env.api.patch("/api/tickets/" + id, Map.of("status", "open"));
        await().until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 3);
        JsonNode reopened = env.requests("PUT", "/tickets/" + ensono).get(2).payload();
        assertThat(reopened.path("status").asText()).isEqualTo("pending");
    }

    @Test
    void anInvalidGroupIsResentOnceWithTheDefaultGroup() {
        JsonNode t = createAndAwaitLink(Map.of("subject", "Unknown team", "group", "Ensono Nightshift"));
        String number = t.path("number").asText();
        List<RecordedRequest> creates = env.requests("POST", "/tickets").stream()
                .filter(r -> number.equals(r.payload().path("clientTicketNumber").asText())).toList();
        assertThat(creates).hasSize(2);
        assertThat(creates.get(0).payload().path("group").asText()).isEqualTo("Ensono Nightshift");
        assertThat(creates.get(1).payload().path("group").asText()).isEqualTo("Ensono Service Desk");
        assertThat(env.simTicketsFor(number)).isEqualTo(1);
    }

    @Test
    void aTimedOutCreateIsNotDuplicatedAndATimedOutUpdateIsResentAfterTheWait() {
        env.sim.delayNext(1, Duration.ofMillis(2500));
        JsonNode t = env.createTicket(Map.of("subject", "Slow bridge", "group", "Network"));
        String id = t.path("id").asText();
        String number = t.path("number").asText();
        // the create timed out but Ensono processed it: its ReturnEnsonoNum links the ticket, no resend
        await().atMost(Duration.ofSeconds(30)).until(() -> env.linkNumber(id) != null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> env.simTicketsFor(number) == 1);
        assertThat(env.requests("POST", "/tickets").stream()
                .filter(r -> number.equals(r.payload().path("clientTicketNumber").asText())).count()).isEqualTo(1);

        String ensono = env.linkNumber(id);
        env.sim.delayNext(1, Duration.ofMillis(3500));
        env.api.patch("/api/tickets/" + id, Map.of("priority", "high"));
        await().atMost(Duration.ofSeconds(30)).until(() -> env.requests("PUT", "/tickets/" + ensono).size() == 2);
        List<RecordedRequest> puts = env.requests("PUT", "/tickets/" + ensono);
        assertThat(puts.get(1).body()).isEqualTo(puts.get(0).body());
        assertThat(Duration.between(puts.get(0).receivedAt(), puts.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void everyRequestAndResponseIsAuditedWithTheApiKeyMasked() {
        JsonNode t = createAndAwaitLink(Map.of("subject", "Audit me", "group", "Network"));
        String logs = env.api.get("/api/audit/logs?resource_type=integration&resource_id=" + env.integrationId
                + "&page_size=200").text();
        assertThat(logs).doesNotContain(EnsonoTestSupport.API_KEY);
        JsonNode items = env.api.get("/api/audit/logs?resource_type=integration&resource_id=" + env.integrationId
                + "&page_size=200").json().path("items");
        JsonNode create = null;
        for (JsonNode e : items) {
            if (e.path("action").asText().equals("OUTBOUND POST ensono")
                    && e.path("detail").path("request_body").asText().contains(t.path("number").asText())) {
                create = e;
            }
        }
        assertThat(create).as("audit of the create").isNotNull();
        assertThat(create.path("detail").path("request_headers").path("x-api-key").asText()).isNotBlank()
                .isNotEqualTo(EnsonoTestSupport.API_KEY);
        assertThat(create.path("detail").path("response_body").asText()).contains("Response");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
