package io.ticketbridge.security;

import java.util.Map;

import io.ticketbridge.connector.DeskWebhook.Verification;

/**
 * Verification for platforms that do not sign their webhooks (ServiceDesk Plus, Freshdesk): the operator
 * puts a shared secret in a header of the platform's webhook action; it is compared in constant time and
 * fails closed (see {@link WebhookSecrets}).
 */
public final class SharedSecretHeader {

    private final String header;
    private final String credentialKey;

    /** {@code header}: the header's name (any case); {@code credentialKey}: where the secret is stored. */
    public SharedSecretHeader(String header, String credentialKey) {
        this.header = header;
        this.credentialKey = credentialKey;
    }

    public Verification verify(Map<String, String> lowerCaseHeaders, Map<String, String> credentials) {
        String presented = lowerCaseHeaders.get(header.toLowerCase(java.util.Locale.ROOT));
        if (presented == null || presented.isEmpty()) {
            return Verification.refused("Missing " + header + " header");
        }
        if (!WebhookSecrets.matches(credentials.get(credentialKey), presented)) {
            return Verification.refused("Wrong " + header + ", or no usable webhook secret is configured");
        }
        return Verification.OK;
    }

    public String header() {
        return header;
    }
}
