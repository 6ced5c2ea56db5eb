package io.ticketbridge.ensono;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ticketbridge.component.support.DeskHttpClient;
import io.ticketbridge.model.Json;
import io.ticketbridge.queue.QueueMonitor;
import io.ticketbridge.store.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Queue alarms: a WARN log line, an audit entry, and (when configured) a JSON POST to a webhook. */
public final class EnsonoAlarms implements QueueMonitor.AlarmSink {

    private static final Logger LOG = LoggerFactory.getLogger(EnsonoAlarms.class);

    private final AuditStore audit;
    private final DeskHttpClient http;
    private final String webhookUrl;

    public EnsonoAlarms(AuditStore audit, DeskHttpClient http, String webhookUrl) {
        this.audit = audit;
        this.http = http;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public void raised(String integrationId, String spaceId, String alarm, String message, Map<String, Object> detail) {
        LOG.warn("ALARM {} on Ensono integration {}: {}", alarm, integrationId, message);
        Map<String, Object> d = new LinkedHashMap<>(detail);
        d.put("message", message);
        audit.record(spaceId, "ticketbridge", "ALARM " + alarm, "integration", integrationId, "raised", null, d);
        notifyWebhook(integrationId, spaceId, alarm, "raised", message, detail);
    }

    @Override
    public void cleared(String integrationId, String spaceId, String alarm, String message) {
        LOG.info("Alarm {} on Ensono integration {} cleared: {}", alarm, integrationId, message);
        audit.record(spaceId, "ticketbridge", "ALARM " + alarm, "integration", integrationId, "cleared", null,
                Map.of("message", message));
        notifyWebhook(integrationId, spaceId, alarm, "cleared", message, Map.of());
    }

    private void notifyWebhook(String integrationId, String spaceId, String alarm, String state, String message,
                               Map<String, Object> detail) {
        if (webhookUrl == null || webhookUrl.isBlank()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarm", alarm);
        body.put("state", state);
        body.put("integration_id", integrationId);
        body.put("message", message);
        body.put("detail", detail);
        try {
            http.send(new DeskHttpClient.Target(spaceId, integrationId, "alarm-webhook", 0),
                    DeskHttpClient.Request.of("POST", URI.create(webhookUrl), Map.of("Content-Type",
                            "application/json"), Json.writeBytes(body), Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            LOG.warn("Alarm webhook {} failed: {}", webhookUrl, e.getMessage());
        }
    }
}
