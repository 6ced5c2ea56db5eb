package io.ticketbridge.component.servicenow;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.DeskAuthenticationException;
import io.ticketbridge.connector.DeskException;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.component.support.RetryAfter;
import io.ticketbridge.model.Json;
import io.ticketbridge.security.SecretMasker;

/**
 * ServiceNow's error answers as typed outcomes. 429 is handled by {@link ServiceNowRateLimits}
 * before this; the rest:
 * <ul>
 *   <li>401 → authentication (with the MFA hint when X-MFA_TOKEN says so);</li>
 *   <li>403 → authentication for ACL / role refusals, but a rejection when the error names a data
 *       policy, a business rule abort or a state transition: those refuse this one write because of
 *       its data (connectors.md 6.3–6.5: "Data Policy Exception: The following fields are mandatory",
 *       "aborted by Business Rule 'Change Model: Check State Transition'"), so new credentials would
 *       not help and retrying would not either; the job must be parked for a person to fix the data.
 *       ACL wording wins over the rest (ServiceNow answers "Operation Failed" with detail "ACL
 *       Exception ..." for permission refusals too), and a 403 that says nothing is treated as
 *       permissions, the safe side (no retry storm, the operator is told to check roles);</li>
 *   <li>404 → rejected (not found, or hidden by an ACL: ServiceNow does not distinguish);</li>
 *   <li>500/502/503/504 → unavailable (honouring Retry-After); other 4xx and 5xx → rejected.</li>
 * </ul>
 */
final class ServiceNowErrors {

    private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503, 504);
    private static final String[] ACL_WORDS = {"acl", "security constraint", "insufficient rights",
        "not authorized", "not authorised", "access denied", "user not authenticated"};
    private static final String[] POLICY_WORDS = {"data policy", "mandatory"};
    private static final String[] RULE_WORDS = {"business rule", "state transition", "invalid state",
        "transition"};

    /** ServiceNow's error envelope; both parts may be null. */
    record VendorError(String message, String detail) {
        static VendorError of(DeskHttpClient.Response r) {
            try {
                JsonNode error = Json.read(r.text()).path("error");
                return new VendorError(text(error.path("message")), text(error.path("detail")));
            } catch (RuntimeException e) {
                return new VendorError(null, null);
            }
        }

        String summary() {
            if (message == null && detail == null) {
                return "no ServiceNow error body";
            }
            return (message == null ? "" : message) + (detail == null ? "" : " (" + detail + ")");
        }

        private static String text(JsonNode n) {
            return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
        }
    }

    private ServiceNowErrors() {
    }

    /** The exception for a non-429 error status; {@code what} names the call. */
    static DeskException forStatus(DeskHttpClient.Response r, String what, Set<String> secrets, Instant now) {
        int status = r.status();
        VendorError error = VendorError.of(r);
        String vendorText = SecretMasker.text(error.summary(), secrets);
        String message = "ServiceNow answered " + status + " to " + what + ": " + vendorText;
        if (status == 401) {
            boolean mfa = r.header("X-MFA_TOKEN").map(v -> v.equalsIgnoreCase("invalid")).orElse(false);
            return new DeskAuthenticationException(mfa ? message + "; the user needs multi-factor authentication,"
                    + " which Basic authentication cannot give: use OAuth or an integration user without MFA"
                    : message, status);
        }
        String body = SecretMasker.body(r.text(), r.header("Content-Type").orElse(null), secrets);
        if (status == 403) {
            ServiceNowRejectedException.Reason reason = policyReason(error);
            if (reason == null) {
                return new DeskAuthenticationException(message + "; check the integration user's roles and ACLs",
                        status);
            }
            return new ServiceNowRejectedException(message, status, reason, error.message(), error.detail(), body);
        }
        if (RETRYABLE.contains(status)) {
            Duration retryAfter = r.header("Retry-After").map(v -> RetryAfter.parse(v, now)).orElse(null);
            return new DeskUnavailableException(message, status, retryAfter, null);
        }
        ServiceNowRejectedException.Reason reason = status == 404 ? ServiceNowRejectedException.Reason.NOT_FOUND
                : ServiceNowRejectedException.Reason.INVALID_REQUEST;
        return new ServiceNowRejectedException(message, status, reason, error.message(), error.detail(), body);
    }

    /** DATA_POLICY or BUSINESS_RULE when the 403 refuses the data; null when it refuses the user. */
    static ServiceNowRejectedException.Reason policyReason(VendorError error) {
        String text = ((error.message() == null ? "" : error.message()) + " "
                + (error.detail() == null ? "" : error.detail())).toLowerCase(Locale.ROOT);
        if (containsAny(text, ACL_WORDS)) {
            return null;
        }
        if (containsAny(text, POLICY_WORDS)) {
            return ServiceNowRejectedException.Reason.DATA_POLICY;
        }
        if (containsAny(text, RULE_WORDS)) {
            return ServiceNowRejectedException.Reason.BUSINESS_RULE;
        }
        return null;
    }

    private static boolean containsAny(String text, String[] words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
