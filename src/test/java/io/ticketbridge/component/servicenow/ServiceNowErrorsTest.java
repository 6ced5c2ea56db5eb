package io.ticketbridge.component.servicenow;

import static io.ticketbridge.component.servicenow.SnTestBed.INC;
import static io.ticketbridge.component.servicenow.SnTestBed.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every ServiceNow error as its typed exception with ServiceNow's error body carried, and the 429
 * pause shared by every caller of the integration.
 */
class ServiceNowErrorsTest {

    static final String RECORD_PATH = "/api/now/table/incident/" + INC;
    static final String RATE = "{\"error\":{\"message\":\"Rate limit exceeded\",\"detail\":\"Rate limit of 100"
            + " requests per hour for Table API exceeded\"},\"status\":\"failure\"}";
    final SnTestBed bed = new SnTestBed();
    final SnStub stub = bed.stub;

    @AfterEach
    void verifyAndClose() {
        try {
            stub.verify();
        } finally {
            bed.close();
        }
    }

    static String error(String message, String detail) {
        return "{\"error\":{\"message\":\"" + message + "\",\"detail\":\"" + detail + "\"},\"status\":\"failure\"}";
    }

    private Exception patchFailing(int status, String body) {
        stub.expect("PATCH", RECORD_PATH, status, body);
        return bed.failure("updateTicket", "{\"urgency\":\"1\"}", record(INC));
    }

    @Test
    void unauthenticatedIsAnAuthenticationFailureCarryingServiceNowsMessage() {
        Exception e = patchFailing(401, error("User Not Authenticated", "Required to provide Auth information"));
        assertThat(e).isInstanceOf(DeskAuthenticationException.class)
                .hasMessageContaining("User Not Authenticated (Required to provide Auth information)");
        assertThat(((DeskAuthenticationException) e).statusCode()).isEqualTo(401);
    }

    @Test
    void anAclRefusalIs403AuthenticationEvenWhenItSaysOperationFailed() {
        Exception e = patchFailing(403, error("Operation Failed", "ACL Exception Update Failed due to security constraints"));
        assertThat(e).isInstanceOf(DeskAuthenticationException.class).hasMessageContaining("ACL Exception")
                .hasMessageContaining("roles");
        assertThat(patchFailing(403, "")).isInstanceOf(DeskAuthenticationException.class);
        assertThat(patchFailing(403, error("User Not Authorized", "Insufficient rights"))).isInstanceOf(
                DeskAuthenticationException.class);
    }

    @Test
    void aDataPolicyRefusalIs403RejectedWithTheMandatoryFieldNamed() {
        String body = error("Operation Failed", "Data Policy Exception: \\n  The following fields are mandatory:"
                + " Resolution code");
        Exception e = patchFailing(403, body);
        assertThat(e).isInstanceOf(ServiceNowRejectedException.class);
        ServiceNowRejectedException r = (ServiceNowRejectedException) e;
        assertThat(r.reason()).isEqualTo(ServiceNowRejectedException.Reason.DATA_POLICY);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("Operation Failed");
        assertThat(r.errorDetail()).contains("mandatory: Resolution code");
        assertThat(r.vendorBody()).contains("Data Policy Exception");
    }

    @Test
    void aBusinessRuleAbortOfAStateTransitionIs403Rejected() {
        Exception e = patchFailing(403, error("Operation Failed", "Operation against file 'change_request' was aborted"
                + " by Business Rule 'Change Model: Check State Transition^c286d61347c12200e0ef563dbb9a71df'"));
        assertThat(e).isInstanceOf(ServiceNowRejectedException.class);
        assertThat(((ServiceNowRejectedException) e).reason()).isEqualTo(ServiceNowRejectedException.Reason.BUSINESS_RULE);
    }

    @Test
    void aMissingRecordIs404RejectedAsNotFound() {
        stub.expect("GET", RECORD_PATH, 404, error("No Record found", "Record doesn't exist or ACL restricts the record"
                + " retrieval"));
        Exception e = bed.failure("getTicket", null, record(INC));
        assertThat(e).isInstanceOf(ServiceNowRejectedException.class).hasMessageContaining("No Record found");
        ServiceNowRejectedException r = (ServiceNowRejectedException) e;
        assertThat(r.reason()).isEqualTo(ServiceNowRejectedException.Reason.NOT_FOUND);
        assertThat(r.errorDetail()).isEqualTo("Record doesn't exist or ACL restricts the record retrieval");
    }

    @Test
    void aBadRequestIsRejectedAndItsBodyHasTheIntegrationsSecretsMasked() {
        Exception e = patchFailing(400, error("Invalid", "password " + SnTestBed.PASSWORD + " echoed"));
        assertThat(e).isInstanceOf(ServiceNowRejectedException.class);
        ServiceNowRejectedException r = (ServiceNowRejectedException) e;
        assertThat(r.reason()).isEqualTo(ServiceNowRejectedException.Reason.INVALID_REQUEST);
        assertThat(r.getMessage()).doesNotContain(SnTestBed.PASSWORD);
        assertThat(r.vendorBody()).doesNotContain(SnTestBed.PASSWORD);
        assertThat(bed.auditDetails()).allSatisfy(d -> assertThat(d).doesNotContain(SnTestBed.PASSWORD));
    }

    @Test
    void serverErrorsAreUnavailableWithTheirRetryAfter() {
        Exception e = patchFailing(503, error("Service Unavailable", "node restarting"));
        assertThat(e).isInstanceOf(DeskUnavailableException.class);
        assertThat(((DeskUnavailableException) e).retryAfter()).isEmpty();
        stub.expect("PATCH", RECORD_PATH, 500, Map.of("Retry-After", "12"), error("Internal error", "x"));
        DeskUnavailableException u = (DeskUnavailableException) bed.failure("updateTicket", "{}", record(INC));
        assertThat(u.statusCode()).isEqualTo(500);
        assertThat(u.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(u).hasMessageContaining("Internal error");
    }

    @Test
    void a429WithRetryAfterPausesEveryCallerOfThatIntegrationAndNoOther() {
        stub.expect("PATCH", RECORD_PATH, 429, Map.of("Retry-After", "30", "X-RateLimit-Limit", "100",
                "X-RateLimit-Reset", String.valueOf(bed.now().getEpochSecond() + 3000)), RATE);
        DeskUnavailableException first = (DeskUnavailableException) bed.failure("updateTicket", "{}", record(INC));
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(first).hasMessageContaining("Rate limit of 100 requests per hour");

        // other operations, endpoints and threads of the same integration wait without sending
        bed.advance(Duration.ofSeconds(10));
        List<Exception> paused = List.of(bed.failure("getTicket", null, record(INC)),
                bed.failure("listComments?maxRows=5", null, record(INC)),
                CompletableFuture.supplyAsync(() -> bed.failure("test", "{}", Map.of())).join());
        assertThat(paused).allSatisfy(p -> {
            assertThat(p).isInstanceOf(DeskUnavailableException.class).hasMessageContaining("not sent");
            assertThat(((DeskUnavailableException) p).retryAfter()).contains(Duration.ofSeconds(20));
        });
        assertThat(stub.requests()).hasSize(1);

        String other = bed.basic("sn-other", Map.of());
        stub.expect("GET", "/api/now/table/incident", 200, "{\"result\":[]}");
        bed.ok("test", other, "{}", Map.of());

        bed.advance(Duration.ofSeconds(21));
        stub.expect("GET", RECORD_PATH, 200, "{\"result\":{}}");
        bed.ok("getTicket", null, record(INC));
    }

    @Test
    void a429WithOnlyXRateLimitResetPausesUntilTheReset() {
        stub.expect("PATCH", RECORD_PATH, 429, Map.of("X-RateLimit-Limit", "100", "X-RateLimit-Reset",
                String.valueOf(bed.now().getEpochSecond() + 90)), RATE);
        DeskUnavailableException u = (DeskUnavailableException) bed.failure("updateTicket", "{}", record(INC));
        assertThat(u.retryAfter()).contains(Duration.ofSeconds(90));
        bed.advance(Duration.ofSeconds(89));
        assertThat(((DeskUnavailableException) bed.failure("test", "{}", Map.of())).retryAfter())
                .contains(Duration.ofSeconds(1));
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void a429WithoutTimingHeadersBacksOffFromOneSecondDoublingAndASuccessResetsIt() {
        for (long expected : new long[] {1, 2, 4, 8}) {
            stub.expect("GET", "/api/now/table/incident", 429, RATE);
            DeskUnavailableException u = (DeskUnavailableException) bed.failure("test", "{}", Map.of());
            assertThat(u.retryAfter()).as("pause after header-less 429").contains(Duration.ofSeconds(expected));
            assertThat(((DeskUnavailableException) bed.failure("getTicket", null, record(INC))).retryAfter())
                    .as("shared while it lasts").contains(Duration.ofSeconds(expected));
            bed.advance(Duration.ofSeconds(expected));
        }
        stub.expect("GET", "/api/now/table/incident", 200, "{\"result\":[]}");
        bed.ok("test", "{}", Map.of());
        stub.expect("GET", "/api/now/table/incident", 429, RATE);
        assertThat(((DeskUnavailableException) bed.failure("test", "{}", Map.of())).retryAfter())
                .contains(Duration.ofSeconds(1));
        assertThat(ServiceNowRateLimits.backoff(30)).isEqualTo(Duration.ofMinutes(30));
        assertThat(ServiceNowRateLimits.backoff(11)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aCreateWithoutAnAnswerIsUnavailableWithALateRetrySoTheRetryCanAdoptIt() {
        String slow = bed.basic("sn-slow", Map.of("timeout_ms", 300, "uncertain_create_retry_ms", 90_000));
        stub.expectSlow("POST", "/api/now/table/incident", 2_000, "{\"result\":{}}");
        Exception e = bed.failure("createTicket", slow, "{\"short_description\":\"x\"}", Map.of());
        assertThat(e).isInstanceOf(DeskUnavailableException.class).hasMessageContaining("300 ms")
                .hasMessageContaining("create outcome unknown");
        DeskUnavailableException u = (DeskUnavailableException) e;
        assertThat(u.statusCode()).isZero();
        assertThat(u.retryAfter()).contains(Duration.ofSeconds(90));
    }
}
