package io.ticketbridge.component.ensono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.connector.DeskRejectedException;
import io.ticketbridge.connector.DeskUnavailableException;
import org.junit.jupiter.api.Test;

/** How the bridge's answers (section 9.5 error bodies) become typed outcomes. */
class EnsonoClientTest {

    static DeskHttpClient.Response answer(int status, String body) {
        return new DeskHttpClient.Response(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), 1);
    }

    @Test
    void successBodiesAreReturned() {
        assertThat(EnsonoClient.classify("POST", "/tickets", answer(200, "{\"Response\":\"e-CS0204070\"}"))
                .path("Response").asText()).isEqualTo("e-CS0204070");
    }

    @Test
    void theInvalidGroupArrayIsItsOwnRejection() {
        String body = "{\"Response\":[\"assigment_group sys_id or name not found.\",\"This ticket cannot be created.\"]}";
        assertThatThrownBy(() -> EnsonoClient.classify("POST", "/tickets", answer(400, body)))
                .isInstanceOf(EnsonoInvalidGroupException.class);
        // the same body on a 200 is still an error
        assertThatThrownBy(() -> EnsonoClient.classify("POST", "/tickets", answer(200, body)))
                .isInstanceOf(EnsonoInvalidGroupException.class);
    }

    @Test
    void gatewayAndLambdaErrorsMapToAuthenticationUnavailableOrRejected() {
        assertThatThrownBy(() -> EnsonoClient.classify("GET", "/queue", answer(403, "{\"message\":\"Forbidden\"}")))
                .isInstanceOf(DeskAuthenticationException.class);
        assertThatThrownBy(() -> EnsonoClient.classify("PUT", "/tickets/x", answer(502,
                "{\"message\":\"Internal server error\"}"))).isInstanceOf(DeskUnavailableException.class);
        assertThatThrownBy(() -> EnsonoClient.classify("PUT", "/tickets/x", answer(400,
                "{\"Response\":\"APIKey not authorized for ticket company\"}")))
                .isInstanceOf(DeskRejectedException.class).isNotInstanceOf(EnsonoInvalidGroupException.class);
        assertThatThrownBy(() -> EnsonoClient.classify("DELETE", "/queue/x", answer(400,
                "{\"Error\":{\"Code\":\"ReceiptHandleIsInvalid\"}}"))).isInstanceOf(DeskRejectedException.class);
    }

    @Test
    void theTimeoutWaitIsJitteredWithinItsBounds() {
        EnsonoClient.TimeoutRule rule = new EnsonoClient.TimeoutRule(60, 120);
        for (Duration d : List.of(rule.nextWait(), rule.nextWait(), rule.nextWait(), rule.nextWait())) {
            assertThat(d).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
        }
    }
}
