package io.ticketbridge.ensono;

import java.nio.file.Path;

import io.ticketbridge.config.Settings;

/** The {@code ticketbridge.ensono.*} settings (see config/application.properties for each meaning). */
public record EnsonoSettings(Path mappingFile, Path rulesFile, long pollIntervalMillis, int waitSeconds,
                             int maxMessages, int consumers, int groupParallelism, int poisonAttempts, int redriveLimit,
                             int visibilitySeconds, int syncMaxAttempts, int returnPtnMaxAttempts,
                             long alarmUnreadThreshold, long alarmUnreadMinutes, long alarmAverageAgeMinutes,
                             String alarmWebhookUrl, boolean inboundEnabled, long attachmentMaxBytes) {

    public static EnsonoSettings from(Settings s) {
        Path config = Path.of(s.get("ticketbridge.config-dir", "config"));
        int interval = s.getInt("ticketbridge.ensono.poll-interval-seconds", 60);
        if (interval < 30 || interval > 300) {
            throw new IllegalStateException("ticketbridge.ensono.poll-interval-seconds must be between 30 and 300,"
                    + " got " + interval);
        }
        long intervalMillis = s.getLong("ticketbridge.ensono.poll-interval-override-ms", interval * 1000L);
        if (s.isProd() && intervalMillis < 30_000) {
            throw new IllegalStateException("ticketbridge.ensono.poll-interval-override-ms below 30000 is not allowed"
                    + " in prod");
        }
        int poison = s.getInt("ticketbridge.ensono.poison-attempts", 5);
        int redrive = s.getInt("ticketbridge.ensono.queue-redrive-limit", 20);
        if (poison < 1 || poison >= redrive) {
            throw new IllegalStateException("ticketbridge.ensono.poison-attempts must be between 1 and "
                    + (redrive - 1) + " (below the queue's redrive limit), got " + poison);
        }
        return new EnsonoSettings(
                Path.of(s.get("ticketbridge.ensono.mapping-file", config.resolve("mappings/ensono.yaml").toString())),
                Path.of(s.get("ticketbridge.ensono.rules-file", config.resolve("ensono-rules.yaml").toString())),
                intervalMillis,
                clamp(s.getInt("ticketbridge.ensono.sqs.wait-seconds", 20), 0, 20),
                clamp(s.getInt("ticketbridge.ensono.max-messages", 10), 1, 10),
                clamp(s.getInt("ticketbridge.ensono.consumers", 4), 1, 32),
                clamp(s.getInt("ticketbridge.ensono.group-parallelism", 4), 1, 64),
                poison, redrive,
                clamp(s.getInt("ticketbridge.ensono.visibility-seconds", 30), 0, 43_200),
                clamp(s.getInt("ticketbridge.ensono.sync-max-attempts", 20), 1, 100_000),
                clamp(s.getInt("ticketbridge.ensono.returnptn-max-attempts", 1000), 1, 100_000),
                s.getLong("ticketbridge.ensono.alarm.unread-threshold", 10),
                s.getLong("ticketbridge.ensono.alarm.unread-minutes", 30),
                s.getLong("ticketbridge.ensono.alarm.average-age-minutes", 60),
                s.find("ticketbridge.ensono.alarm.webhook-url").orElse(null),
                s.getBoolean("ticketbridge.ensono.inbound.enabled", true),
                s.getLong("ticketbridge.attachments.max-bytes", 10L << 20));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
