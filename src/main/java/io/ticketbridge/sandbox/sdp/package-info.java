/**
 * ServiceDesk Plus REST API v3 simulator for tests, benchmarks and the sandbox profile.
 *
 * <pre>{@code
 * try (SdpSimulator sdp = SdpSimulator.start(new SdpSimulator.Options().closureRequiresResolution(true))) {
 *     // point the connector at sdp.apiUrl() with header "authtoken: " + sdp.authtoken(),
 *     // or at sdp.tokenUrl() for Zoho OAuth (client and refresh token from the Options)
 *     sdp.failNext(1, 503, Map.of("Retry-After", "2"), "");   // script a failure
 *     String id = sdp.createRequestDirect(...);                 // change things "as an agent"
 *     sdp.requests();                                           // assert what the connector sent
 * }
 * }</pre>
 *
 * <p>{@link io.ticketbridge.sandbox.sdp.SdpSimulator} documents the behaviour chosen where the vendor's is unknown.
 */
package io.ticketbridge.sandbox.sdp;
