/**
 * ServiceNow simulator (Table API, Attachment API, journals, OAuth) for tests, benchmarks and the sandbox profile.
 *
 * <pre>{@code
 * try (ServiceNowSimulator sn = ServiceNowSimulator.builder()
 *         .closeCodes("Solution provided", "Workaround provided")
 *         .rateLimitPerSecond(20).rateLimitHeaders(RateLimitHeaders.NONE)
 *         .shortPages(3, 2)
 *         .start()) {
 *     // point the connector at sn.baseUrl() with Basic sn.userName()/sn.password(), or OAuth at sn.tokenUrl()
 *     String id = sn.createDirect("incident", Map.of("short_description", "Printer on fire"));  // as an agent
 *     sn.failNext(1, 503, "");                  // script a failure
 *     sn.requests();                            // assert what the connector sent
 *     sn.journal(id);                           // work notes and comments written
 * }
 * }</pre>
 */
package io.ticketbridge.sandbox.servicenow;
