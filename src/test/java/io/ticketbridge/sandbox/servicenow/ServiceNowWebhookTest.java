package io.ticketbridge.sandbox.servicenow;

import static io.ticketbridge.sandbox.servicenow.SnClient.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.support.FaultInjector;
import io.ticketbridge.sandbox.support.LoopbackHttpServer;
import io.ticketbridge.sandbox.support.RecordedRequest;
import io.ticketbridge.sandbox.support.RequestJournal;
import io.ticketbridge.sandbox.support.SimClock;
import io.ticketbridge.sandbox.support.SimResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound webhook a business rule would send, as a receiver sees it. */
class ServiceNowWebhookTest {

    private static final String SECRET = "a-webhook-secret-of-32-characters";

    private final SimClock clock = SimClock.fixed(Instant.parse("2024-06-03T10:00:00Z"));
    private final ServiceNowSimulator sim = ServiceNowSimulator.builder().clock(clock).start();
    private final RequestJournal received = new RequestJournal(10);
    private final LoopbackHttpServer receiver = LoopbackHttpServer.start(new LoopbackHttpServer.Config(0, 2,
            "receiver", clock, received, new FaultInjector(), r -> false, r -> SimResponse.json(202, "{}")));

    @AfterEach
    void stop() {
        receiver.close();
        sim.close();
    }

    private static String expectedSignature(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = (timestamp + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(mac.doFinal(signed));
    }

    @Test
    void hmacSignedWebhookCarriesTheRecord() throws Exception {
        String id = sim.createDirect("incident", fields("short_description", "Printer on fire",
                "assignment_group", "IT Support"));

        ServiceNowWebhook.Delivery delivery = sim.sendWebhook(receiver.baseUrl() + "/hook", SECRET, "incident", id,
                "update");

        assertThat(delivery.status()).isEqualTo(202);
        RecordedRequest request = received.snapshot().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-TicketBridge-Timestamp")).isEqualTo("1717408800");
        assertThat(request.header("X-TicketBridge-Signature"))
                .isEqualTo(expectedSignature("1717408800", request.body()))
                .isEqualTo(ServiceNowWebhook.sign(SECRET, "1717408800", request.body()));
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = SnClient.json(request.bodyAsString());
        assertThat(body.get("table").asText()).isEqualTo("incident");
        assertThat(body.get("sys_id").asText()).isEqualTo(id);
        assertThat(body.get("operation").asText()).isEqualTo("update");
        assertThat(body.at("/record/number").asText()).isEqualTo("INC0010001");
        assertThat(body.at("/record/assignment_group").asText()).isEqualTo(ServiceNowSimulator.groupSysId("IT Support"));
        assertThat(delivery.sentBody()).isEqualTo(request.body());
    }

    @Test
    void authorizationHeaderAndUnsignedVariants() {
        String id = sim.createDirect("change_request", fields("short_description", "Deploy"));

        sim.sendWebhook(receiver.baseUrl() + "/hook", SECRET, WebhookSigning.AUTHORIZATION, "change_request", id,
                "insert");
        sim.sendWebhook(receiver.baseUrl() + "/hook", SECRET, WebhookSigning.NONE, "change_request", id, "insert");

        RecordedRequest plain = received.snapshot().get(0);
        RecordedRequest unsigned = received.snapshot().get(1);
        assertThat(plain.header("Authorization")).isEqualTo(SECRET);
        assertThat(plain.header("X-TicketBridge-Signature")).isNull();
        assertThat(unsigned.header("Authorization")).isNull();
        assertThat(unsigned.header("X-TicketBridge-Signature")).isNull();
        assertThat(unsigned.header("X-TicketBridge-Timestamp")).isNull();
    }
}
