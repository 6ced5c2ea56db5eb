package io.ticketbridge.connector;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A desk's inbound webhooks: how a call is verified (fail closed) and which ticket an event names.
 * The shared receiver records the event in the inbox with a pull job for that ticket.
 */
public interface DeskWebhook {

    /** One event: its name, the vendor ticket it concerns, and the vendor's event id when it sends one. */
    record Event(String name, String remoteId, String eventId) {
    }

    /** Thrown for a payload that names no known event or ticket: a 400 listing these problems. */
    final class InvalidEvent extends RuntimeException {
        private final List<String> problems;

        public InvalidEvent(List<String> problems) {
            super(String.join("; ", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The event names accepted, as the seed and the vendor spell them. */
    Set<String> events();

    /** Verifies the call against the integration's credentials; the answer's reason goes into the 401. */
    Verification verify(Map<String, String> lowerCaseHeaders, byte[] body, Map<String, String> credentials);

    Event parse(JsonNode body);

    /** A verifier's answer. */
    record Verification(boolean ok, String reason) {
        public static final Verification OK = new Verification(true, null);

        public static Verification refused(String reason) {
            return new Verification(false, reason);
        }
    }

    /** A one-line description for the API documentation ("header X-Webhook-Secret"). */
    String describe();
}
