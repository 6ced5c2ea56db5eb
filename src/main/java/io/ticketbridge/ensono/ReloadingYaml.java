package io.ticketbridge.ensono;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A YAML file engineers edit while the runtime runs: re-read when its modification time or size
 * changes. A broken edit is logged and the last good version stays in force.
 */
public final class ReloadingYaml<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingYaml.class);

    private final Path file;
    private final Function<Map<String, Object>, T> parser;
    private volatile T current;
    private volatile FileTime loadedTime;
    private volatile long loadedSize = -1;
    private volatile long lastCheck;
    private volatile String loadedText;

    public ReloadingYaml(Path file, Function<Map<String, Object>, T> parser) {
        this.file = file;
        this.parser = parser;
        this.current = parser.apply(Map.of());
        reloadIfChanged(true);
    }

    public Path file() {
        return file;
    }

    /** The current version (checks the file at most every 200 ms). */
    public T get() {
        long now = System.nanoTime();
        if (now - lastCheck > 200_000_000L) {
            lastCheck = now;
            reloadIfChanged(false);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private synchronized void reloadIfChanged(boolean initial) {
        try {
            if (!Files.isRegularFile(file)) {
                if (initial) {
                    LOG.warn("{} does not exist; built-in defaults apply", file);
                }
                return;
            }
            FileTime time = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            // mtime and size first; the content comparison catches same-size edits within the mtime granularity
            String text = Files.readString(file);
            if (time.equals(loadedTime) && size == loadedSize && text.equals(loadedText)) {
                return;
            }
            loadedText = text;
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
            T parsed = parser.apply(doc instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
            current = parsed;
            loadedTime = time;
            loadedSize = size;
            if (!initial) {
                LOG.info("Reloaded {}", file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot load {} ({}); keeping the previous version", file, e.toString());
        }
    }
}
