package io.ticketbridge.ensono;

import static io.ticketbridge.ensono.EnsonoTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.model.Ticket;
import io.ticketbridge.sandbox.ensono.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Change approvals with Changes in scope (the default rules leave them out): an Approval Request from
 * Ensono waits on the hub ticket; setting its approval_status answers it once with
 * POST /tickets/{n}/approve or /reject; a Redraft withdraws it.
 */
class EnsonoApprovalsTest {

    static Path rules;
    static EnsonoTestSupport env;

    @BeforeAll
    static void start() throws Exception {
        rules = Files.createTempFile("ensono-rules", ".yaml");
        String defaults = Files.readString(Path.of("config/ensono-rules.yaml"));
        String changesInScope = defaults.replace("    - ticket_type: [Change]\n", "")
                .replace("    - transaction_type: [Approval Request, Redraft]\n", "");
        assertThat(changesInScope).isNotEqualTo(defaults).doesNotContain("[Change]").doesNotContain("Redraft]");
        Files.writeString(rules, changesInScope);
        env = new EnsonoTestSupport("approvals.fifo", 30, "sqs", true,
                Map.of("ticketbridge.ensono.rules-file", rules.toString()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
        Files.deleteIfExists(rules);
    }

    private Optional<Ticket> hubTicketOf(String number) {
        return env.rt.hub().jdbi.withHandle(h -> env.rt.hub().links.byRemoteNumber(h, env.integrationId, number)
                .flatMap(l -> env.rt.hub().tickets.get(h, null, l.ticketId())));
    }

    /** An Ensono Change on the hub, its number returned (returnptn with ticketType Change). */
    private Ticket change(String title) {
        String number = env.sim.agentCreate(Json.object().put("ticketType", "Change").put("shortDescription", title));
        assertThat(number).startsWith("e-CHG");
        await().until(() -> hubTicketOf(number).isPresent());
        Ticket t = hubTicketOf(number).orElseThrow();
        assertThat(t.ticketType()).isEqualTo("change");
        await().until(() -> t.number().equals(env.sim.ticket(number).orElseThrow().path("clientTicketNumber").asText()));
        return t;
    }

    /** Ensono asks for approval; returns the approval id once the hub ticket waits for the answer. */
    private String requestApproval(Ticket t, String number, String approverName, String approverEmail) {
        String approvalId = env.sim.agentRequestApproval(number, approverName, approverEmail);
        await().until(() -> "requested".equals(env.ticket(t.id()).path("approval_status").asText()));
        return approvalId;
    }

    private String numberOf(Ticket t) {
        return env.linkNumber(t.id());
    }

    private List<RecordedRequest> answers(String number) {
        return env.sim.requests().stream().filter(r -> r.method().equals("POST")
                && (r.path().endsWith("/tickets/" + number + "/approve")
                || r.path().endsWith("/tickets/" + number + "/reject"))).toList();
    }

    @Test
    void anApprovalRequestIsAnsweredOnceWhenTheHubTicketIsApproved() {
        Ticket t = change("Patch db-01");
        String number = numberOf(t);
        String approvalId = requestApproval(t, number, "Ann Approver", "ann@acme.example");
        await().until(() -> env.api.get("/api/tickets/" + t.id() + "/comments").text().contains(approvalId));
        assertThat(answers(number)).isEmpty();

        assertThat(env.api.patch("/api/tickets/" + t.id(), Map.of("approval_status", "approved")).status())
                .isEqualTo(200);
        await().until(() -> "approved".equals(env.sim.ticket(number).orElseThrow().path("approval").asText()));
        List<RecordedRequest> sent = answers(number);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path()).endsWith("/approve");
        JsonNode payload = sent.get(0).payload();
        assertThat(payload.path("clientName").asText()).isEqualTo("acme");
        assertThat(payload.path("ticketType").asText()).isEqualTo("Change");
        assertThat(payload.path("clientTicketNumber").asText()).isEqualTo(t.number());
        assertThat(payload.path("approver").asText()).isEqualTo("ann@acme.example");
        assertThat(payload.path("approvalId").asText()).isEqualTo(approvalId);
        assertThat(payload.path("comments").get(0).path("body").asText())
                .isEqualTo("ann@acme.example approved Change Request " + t.number());
        assertThat(env.sim.ticket(number).orElseThrow().path("approvals").get(0).path("decision").asText())
                .isEqualTo("approved");

        // later changes go as updates; the answer is not sent again
        env.api.patch("/api/tickets/" + t.id(), Map.of("subject", "Patch db-01 and db-02"));
        await().until(() -> "Patch db-01 and db-02".equals(
                env.sim.ticket(number).orElseThrow().path("shortDescription").asText()));
        assertThat(answers(number)).hasSize(1);
    }

    @Test
    void aRejectedChangeSendsTheRejection() {
        Ticket t = change("Move the firewall");
        String number = numberOf(t);
        String approvalId = requestApproval(t, number, "Bo Approver", "bo@acme.example");

        env.api.patch("/api/tickets/" + t.id(), Map.of("approval_status", "rejected"));
        await().until(() -> "rejected".equals(env.sim.ticket(number).orElseThrow().path("approval").asText()));
        List<RecordedRequest> sent = answers(number);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path()).endsWith("/tickets/" + number + "/reject");
        assertThat(sent.get(0).payload().path("approvalId").asText()).isEqualTo(approvalId);
        assertThat(sent.get(0).payload().path("comments").get(0).path("body").asText())
                .isEqualTo("bo@acme.example rejected Change Request " + t.number());
    }

    @Test
    void aRedraftWithdrawsThePendingApproval() {
        Ticket t = change("Resize the cluster");
        String number = numberOf(t);
        requestApproval(t, number, "Cy Approver", "cy@acme.example");
        env.sim.agentRedraft(number);
        await().until(() -> "not requested".equals(env.ticket(t.id()).path("approval_status").asText()));
        await().until(() -> env.api.get("/api/tickets/" + t.id() + "/comments").text()
                .contains("returned this change to draft"));

        // nothing is pending: approving on the hub sends no answer (the subject change proves the sync ran)
        env.api.patch("/api/tickets/" + t.id(), Map.of("approval_status", "approved", "subject", "Resize it later"));
        await().until(() -> "Resize it later".equals(
                env.sim.ticket(number).orElseThrow().path("shortDescription").asText()));
        assertThat(answers(number)).isEmpty();
        assertThat(env.sim.ticket(number).orElseThrow().path("approval").asText()).isEqualTo("not requested");
    }

    @Test
    void anAnswerEnsonoRefusesIsNotSentAgainAheadOfLaterUpdates() {
        Ticket t = change("Swap the disks");
        String number = numberOf(t);
        requestApproval(t, number, "Di Approver", "di@acme.example");

        env.sim.failNext(1, 400, "{\"Response\":\"No approval is pending on " + number + "\"}");
        env.api.patch("/api/tickets/" + t.id(), Map.of("approval_status", "approved"));
        await().until(() -> env.api.get("/api/tickets/" + t.id() + "/comments").text()
                .contains("Ensono refused the approve of approval"));
        int tried = answers(number).size();
        assertThat(tried).isLessThanOrEqualTo(1);

        env.api.patch("/api/tickets/" + t.id(), Map.of("subject", "Swap the disks tonight"));
        await().until(() -> "Swap the disks tonight".equals(
                env.sim.ticket(number).orElseThrow().path("shortDescription").asText()));
        assertThat(answers(number)).hasSize(tried);
        assertThat(env.sim.ticket(number).orElseThrow().path("approval").asText()).isEqualTo("requested");
    }
}
