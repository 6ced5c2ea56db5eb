package io.ticketbridge.dataformat.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Editable value tables (config/mappings/&lt;system&gt;.yaml): hub value → vendor value per table, with
 * an optional {@code <table>_inbound} table for the reverse direction. The file is re-read when it
 * changes, so an engineer's edit applies to the next message without a restart.
 */
public final class ValueTables {

    private final Path file;
    private volatile FileTime loadedAt;
    private volatile Map<String, Map<String, String>> tables = Map.of();

    public ValueTables(Path file) {
        this.file = file;
        reloadIfChanged();
    }

    /** The vendor value for a hub value, if the table has it. */
    public Optional<String> outbound(String table, String hubValue) {
        if (hubValue == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(current().getOrDefault(table, Map.of()).get(hubValue));
    }

    /** The hub value for a vendor value: the _inbound table first, else the reverse of the table. */
    public Optional<String> inbound(String table, String vendorValue) {
        if (vendorValue == null) {
            return Optional.empty();
        }
        Map<String, Map<String, String>> t = current();
        String explicit = t.getOrDefault(table + "_inbound", Map.of()).get(vendorValue);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return t.getOrDefault(table, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(vendorValue)).map(Map.Entry::getKey).findFirst();
    }

    public Map<String, String> table(String name) {
        return current().getOrDefault(name, Map.of());
    }

    private Map<String, Map<String, String>> current() {
        reloadIfChanged();
        return tables;
    }

    private synchronized void reloadIfChanged() {
        try {
            if (!Files.isRegularFile(file)) {
                tables = Map.of();
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loadedAt)) {
                return;
            }
            tables = parse(file);
            loadedAt = modified;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read mapping tables " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> parse(Path file) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromReader(r);
            if (!(doc instanceof Map<?, ?> root)) {
                return out;
            }
            for (Map.Entry<?, ?> e : root.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> table) {
                    Map<String, String> values = new LinkedHashMap<>();
                    table.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
                    out.put(String.valueOf(e.getKey()), values);
                }
            }
        }
        return out;
    }
}
