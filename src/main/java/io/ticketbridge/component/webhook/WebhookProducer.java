package io.ticketbridge.component.webhook;

import io.ticketbridge.connector.ConnectorHeaders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.ticketbridge.component.support.ConnectorSupport;
import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.connector.DeskUnavailableException;
import io.ticketbridge.model.Integration;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Performs outbound-webhook operations. */
final class WebhookProducer extends DefaultProducer {

    static final String PLATFORM = "webhook";

    WebhookProducer(WebhookEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public WebhookEndpoint getEndpoint() {
        return (WebhookEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Integration integration = ConnectorSupport.integration(exchange, PLATFORM);
        Map<String, String> creds = ConnectorSupport.directory(getEndpoint().getCamelContext()).credentials(integration);
        DeskHttpClient http = ConnectorSupport.http(getEndpoint().getCamelContext());
        DeskHttpClient.Target target = new DeskHttpClient.Target(integration.spaceId(), integration.id(), "webhook",
                integration.configInt("max_requests_per_second", 0), DeskHttpClient.Target.secretsOf(creds));
        URI uri = URI.create(integration.baseUrl() + integration.configText("path", ""));
        Map<String, String> headers = new LinkedHashMap<>();
        authHeaders(creds, headers);
        if ("test".equals(getEndpoint().getOperation())) {
            DeskHttpClient.Response r = http.exchange(target, DeskHttpClient.Request.of("GET", uri, headers, null,
                    ConnectorSupport.timeout(integration, getEndpoint().getTimeoutMillis())));
            if (r.status() >= 500) {
                throw new DeskUnavailableException("webhook endpoint answered " + r.status(), r.status(), null, null);
            }
            exchange.getMessage().setHeader(ConnectorHeaders.RESULT_STATUS, r.status());
            exchange.getMessage().setBody("{\"status\":" + r.status() + "}");
            return;
        }
        byte[] body = exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/json");
        String jobId = exchange.getMessage().getHeader(ConnectorHeaders.JOB_ID, String.class);
        if (jobId != null) {
            // receivers can drop a redelivered job by this key
            headers.put("Idempotency-Key", jobId);
        }
        sign(creds.get("signing_secret"), body, headers);
        DeskHttpClient.Response r = http.send(target, DeskHttpClient.Request.of("POST", uri, headers, body,
                ConnectorSupport.timeout(integration, getEndpoint().getTimeoutMillis())));
        exchange.getMessage().setHeader(ConnectorHeaders.RESULT_STATUS, r.status());
        exchange.getMessage().setBody(r.body().length == 0 ? null : r.text());
    }

    private static void authHeaders(Map<String, String> creds, Map<String, String> headers) {
        if (creds.containsKey("token")) {
            headers.put("Authorization", "Bearer " + creds.get("token"));
        } else if (creds.containsKey("username")) {
            String basic = creds.get("username") + ":" + creds.getOrDefault("password", "");
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        if (creds.containsKey("header_name") && creds.containsKey("header_value")) {
            headers.put(creds.get("header_name"), creds.get("header_value"));
        }
    }

    private static void sign(String secret, byte[] body, Map<String, String> headers) throws Exception {
        if (secret == null) {
            return;
        }
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
        byte[] sig = mac.doFinal(body);
        headers.put("X-TicketBridge-Timestamp", ts);
        headers.put("X-TicketBridge-Signature", "sha256=" + java.util.HexFormat.of().formatHex(sig));
    }
}
