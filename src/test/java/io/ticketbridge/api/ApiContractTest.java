package io.ticketbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.model.Json;
import io.ticketbridge.testing.ApiClient;
import io.ticketbridge.testing.ApiContract;
import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract check every API test runs on each answer (ApiClient → ApiContract): it passes real
 * answers, and it catches an answer that departs from the document, and the real server against a
 * document that says something else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest {

    TestRuntime rt;

    @BeforeAll
    void boot() {
        rt = TestRuntime.start();
    }

    @AfterAll
    void stop() {
        rt.close();
    }

    static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "X-Correlation-Id", List.of("c-1"));

    @Test
    void anErrorOutsideTheOneShapeOrAnUndocumentedStatusIsCaught() {
        OpenApiInteractionValidator v = ApiContract.validator(rt.baseUrl());
        byte[] good = "{\"error\":\"not_found\",\"message\":\"x\",\"validationErrors\":[],\"warnings\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ApiContract.check(v, "GET", "/api/tickets/abc", 404, JSON, good).hasErrors()).isFalse();
        byte[] noWarnings = "{\"error\":\"not_found\",\"message\":\"x\",\"validationErrors\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ApiContract.check(v, "GET", "/api/tickets/abc", 404, JSON, noWarnings).getMessages().toString())
                .contains("warnings");
        byte[] extra = "{\"error\":\"e\",\"message\":\"x\",\"validationErrors\":[],\"warnings\":[],\"stack\":\"..\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ApiContract.check(v, "GET", "/api/tickets/abc", 404, JSON, extra).hasErrors()).isTrue();
        assertThat(ApiContract.check(v, "GET", "/api/tickets", 200, JSON, "[1,2]".getBytes(StandardCharsets.UTF_8))
                .hasErrors()).isTrue();
    }

    @Test
    void theRealServerIsCaughtByADocumentThatSaysSomethingElse() {
        ObjectNode doc = (ObjectNode) Json.read(ApiContract.document(rt.baseUrl()));
        ObjectNode schema = (ObjectNode) doc.at("/components/schemas/TicketPage");
        schema.putArray("required").add("a_field_the_server_never_sends");
        OpenApiInteractionValidator wrong = OpenApiInteractionValidator.createForInlineApiSpecification(Json.write(doc))
                .build();
        ApiClient.Response r = rt.admin().get("/api/tickets");
        assertThat(r.status()).isEqualTo(200);
        assertThat(ApiContract.check(wrong, "GET", "/api/tickets", r.status(), r.headers(), r.body())
                .getMessages().toString()).contains("a_field_the_server_never_sends");
    }
}
