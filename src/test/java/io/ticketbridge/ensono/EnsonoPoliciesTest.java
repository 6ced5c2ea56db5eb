package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Editable rules without a rebuild: the reopen policy (comments, then new_ticket after editing the
 * file while running), and the push of Ensono-created tickets to the client's own service desk.
 */
class EnsonoPoliciesTest {

    static Path rules;
    static EnsonoTestSupport env;
    static String deskId;

    @BeforeAll
    static void start() throws Exception {
        rules = Files.createTempFile("ensono-rules", ".yaml");
        Files.writeString(rules, Files.readString(Path.of("config/ensono-rules.yaml"))
                .replace("reopen_policy: reopen", "reopen_policy: comments"));
        env = new EnsonoTestSupport("policies.fifo", 30, "sqs", true,
                Map.of("ticketbridge.ensono.rules-file", rules.toString()), Map.of());
        deskId = env.api.post("/api/integrations", Map.of("platform", "webhook", "name", "client desk",
                "base_url", "http://127.0.0.1:9")).json().path("id").asText();
        Map<String, Object> config = new LinkedHashMap<>();
        env.api.get("/api/integrations/" + env.integrationId).json().path("config").fields()
                .forEachRemaining(e -> config.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
        config.put("client_desk_integration_id", deskId);
        assertThat(env.api.put("/api/integrations/" + env.integrationId, Map.of("config", config)).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
        Files.deleteIfExists(rules);
    }

    private static EnsonoBridge bridge() {
        return env.rt.context().getRegistry().lookupByNameAndType("ensonoBridge", EnsonoBridge.class);
    }

    private Optional<Ticket> hubTicketOf(String number) {
        return env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId, number)
                .flatMap(l -> env.rt.hub().tickets.get(h, null, l.ticketId())));
    }

    @Test
    void reopenPoliciesFollowTheRulesFileAsItIsEditedAndCreatesArePushedToTheClientDesk() throws Exception {
        String number = env.sim.agentCreate(Json.object().put("shortDescription", "Policy ticket"));
        await().until(() -> hubTicketOf(number).isPresent());
        Ticket first = hubTicketOf(number).orElseThrow();
        await().until(() -> env.api.get("/api/jobs?integration_id=" + deskId).json().path("items").size() == 1);
        var push = env.api.get("/api/jobs?integration_id=" + deskId).json().path("items").get(0);
        assertThat(push.path("kind").asText()).isEqualTo("push");
        assertThat(push.path("payload").path("ticket_id").asText()).isEqualTo(first.id());

        // policy comments: after the resolution, a reopen arrives as a comment and the hub ticket stays resolved
        env.sim.agentResolve(number, "Done");
        await().until(() -> "resolved".equals(hubTicketOf(number).orElseThrow().status()));
        env.sim.agentReopen(number);
        await().until(() -> env.api.get("/api/tickets/" + first.id() + "/comments").text().contains("Ensono reopened"));
        assertThat(hubTicketOf(number).orElseThrow().status()).isEqualTo("resolved");

        // edit the rules while running: new_ticket
        Files.writeString(rules, Files.readString(rules).replace("reopen_policy: comments", "reopen_policy: new_ticket"));
        env.sim.agentResolve(number, "Done again");
        await().until(() -> env.api.get("/api/tickets/" + first.id() + "/resolution").text().contains("Done again"));
        env.sim.agentReopen(number);
        await().until(() -> hubTicketOf(number).map(t -> !t.id().equals(first.id())).orElse(false));
        Ticket second = hubTicketOf(number).orElseThrow();
        assertThat(second.status()).isEqualTo("open");
        await().until(() -> second.number().equals(env.sim.ticket(number).orElseThrow().path("clientTicketNumber")
                .asText()));
        assertThat(env.api.get("/api/tickets/" + first.id() + "/comments").text()).contains(second.number());
    }

    @Test
    void scopeRulesAreReReadWhenTheFileChanges() throws Exception {
        String original = Files.readString(rules);
        try {
            Files.writeString(rules, original.replace("group: [HR, Facilities, Desktop Support, Internal IT]",
                    "group: [HR, Facilities, Desktop Support, Internal IT, Finance]"));
            // the file is re-checked at most every 200 ms: wait until the running bridge has the edit
            await().until(() -> bridge().rules().exclude().toString().contains("Finance"));
            var finance = env.createTicket(Map.of("subject", "Invoice tool down", "group", "Finance"));
            var marker = env.createTicket(Map.of("subject", "Scope marker", "group", "Network"));
            await().until(() -> env.linkNumber(marker.path("id").asText()) != null);
            assertThat(env.linkNumber(finance.path("id").asText())).isNull();

            Files.writeString(rules, original);
            await().until(() -> !bridge().rules().exclude().toString().contains("Finance"));
            // the next change of the ticket is judged by the edited rules: now it bridges
            await().until(() -> {
                env.api.patch("/api/tickets/" + finance.path("id").asText(),
                        Map.of("description", "retry " + System.nanoTime()));
                return env.linkNumber(finance.path("id").asText()) != null;
            });
        } finally {
            Files.writeString(rules, original);
        }
    }
}
