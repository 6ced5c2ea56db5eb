package io.ticketbridge.sandbox.servicenow;

/**
 * How a simulated business rule authenticates its outbound webhook. ServiceNow has no built-in signature; an admin's
 * REST Message adds whatever headers it is given (connectors.md 2.6).
 */
public enum WebhookSigning {
    /**
     * TicketBridge's scheme for ServiceNow pushes (connectors.md 2.6): {@code X-TicketBridge-Timestamp: <UNIX
     * seconds>} and {@code X-TicketBridge-Signature: base64(HMAC-SHA256(secret, timestamp + body))}, key = the
     * secret's UTF-8 bytes (what {@code CertificateEncryption.generateMac(gs.base64Encode(secret), "HmacSHA256",
     * data)} computes), no separator between timestamp and body.
     */
    HMAC,
    /** Port's simpler choice (connectors.md 1.4): a static {@code Authorization: <secret>} header. */
    AUTHORIZATION,
    /** No authentication at all, to test that a receiver fails closed. */
    NONE
}
