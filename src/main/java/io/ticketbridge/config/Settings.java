package io.ticketbridge.config;

import java.time.Duration;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to TicketBridge settings. Values come from Camel's properties component, so a key
 * such as {@code ticketbridge.db.url} is overridden by the environment variable
 * {@code TICKETBRIDGE_DB_URL} or a {@code -D} system property.
 */
public final class Settings {

    /** The profile when none is named (ticketbridge.profile / CAMEL_MAIN_PROFILE). */
    public static final String DEFAULT_PROFILE = "default";

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> find(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public String require(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }

    public int getInt(String key, int fallback) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public long getLong(String key, long fallback) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return find(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public Duration getMillis(String key, long fallbackMillis) {
        return Duration.ofMillis(getLong(key, fallbackMillis));
    }

    public String profile() {
        return get("ticketbridge.profile", DEFAULT_PROFILE);
    }

    public boolean isProd() {
        return "prod".equals(profile());
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a number, got '" + value + "'");
        }
    }
}
