package io.ticketbridge.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.main.Main;

/**
 * Where the runtime finds its configuration, routes and data, and which profile it runs. Locations
 * come from TICKETBRIDGE_CONFIG_DIR / TICKETBRIDGE_ROUTES_DIR / TICKETBRIDGE_DATA_DIR (or the same
 * names as system properties in lower case with dots), defaulting to the working directory.
 */
public record RuntimeLayout(Path configDir, Path routesDir, Path dataDir, String profile) {

    public static final String DEFAULT_PROFILE = io.ticketbridge.config.Settings.DEFAULT_PROFILE;

    public static RuntimeLayout fromEnvironment() {
        Path config = Path.of(lookup("TICKETBRIDGE_CONFIG_DIR", "config")).toAbsolutePath().normalize();
        Path routes = Path.of(lookup("TICKETBRIDGE_ROUTES_DIR", "routes")).toAbsolutePath().normalize();
        Path data = Path.of(lookup("TICKETBRIDGE_DATA_DIR", "data")).toAbsolutePath().normalize();
        String profile = lookup("TICKETBRIDGE_PROFILE", null);
        if (profile == null) {
            profile = lookup("CAMEL_MAIN_PROFILE", DEFAULT_PROFILE);
        }
        return new RuntimeLayout(config, routes, data, profile.trim().toLowerCase(Locale.ROOT));
    }

    /** Environment variable first, then the system property of the same name (lower case, dots). */
    static String lookup(String envName, String fallback) {
        String value = System.getenv(envName);
        if (value == null || value.isBlank()) {
            value = System.getProperty(envName.toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        if (value == null || value.isBlank()) {
            value = System.getProperty(envName);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public boolean isProd() {
        return "prod".equals(profile);
    }

    /** Must run before the first logger is created. */
    public void configureLogging() {
        Path logback = configDir.resolve("logback.xml");
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(logback)) {
            System.setProperty("logback.configurationFile", logback.toString());
        }
    }

    /**
     * Profile file first: in Camel's properties component the first location that defines a key
     * wins, so application-prod.properties overrides application.properties. Environment variables
     * and system properties override both.
     */
    public String propertyLocations() {
        return "file:" + configDir.resolve("application-" + profile + ".properties") + ";optional=true,"
                + "file:" + configDir.resolve("application.properties");
    }

    public void applyTo(Main main) {
        main.setPropertyPlaceholderLocations(propertyLocations());
        main.addInitialProperty("ticketbridge.config-dir", configDir.toString());
        main.addInitialProperty("ticketbridge.routes-dir", routesDir.toString());
        main.addInitialProperty("ticketbridge.data-dir", dataDir.toString());
        main.addInitialProperty("ticketbridge.profile", profile);
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routesDir + "/*.camel.yaml");
        main.addInitialProperty("camel.main.routes-reload-directory", routesDir.toString());
        main.configure().setProfile(profile);
        // the configuration class is named, not discovered: scanning an 80 MB jar costs seconds at start-up
        main.configure().setBasePackageScanEnabled(false);
        main.configure().addConfiguration(HubConfiguration.class);
        // camel-main skips environment variables ending in _PORT (it takes them for Kubernetes service
        // links), so the documented CAMEL_SERVER_PORT / CAMEL_MANAGEMENT_PORT are applied here
        overrideFromEnv(main, "CAMEL_SERVER_PORT", "camel.server.port");
        overrideFromEnv(main, "CAMEL_MANAGEMENT_PORT", "camel.management.port");
    }

    private static void overrideFromEnv(Main main, String env, String key) {
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            main.addOverrideProperty(key, value.trim());
        }
    }
}
