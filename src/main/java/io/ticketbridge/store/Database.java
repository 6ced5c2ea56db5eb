package io.ticketbridge.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ticketbridge.config.Settings;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub store's connection pool and schema. H2 (embedded file under data/) by default, PostgreSQL
 * when ticketbridge.db.url says so; the same Flyway migrations run on both.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String vendor;
    private final java.util.concurrent.locks.Lock batchWriteLock;
    private H2Housekeeping housekeeping;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.vendor = dataSource.getJdbcUrl().startsWith("jdbc:postgresql") ? "postgresql" : "h2";
        this.batchWriteLock = isH2() ? new java.util.concurrent.locks.ReentrantLock() : null;
    }

    public static Database open(Settings settings) {
        String dataDir = settings.get("ticketbridge.data-dir", "data");
        String url = settings.get("ticketbridge.db.url", defaultUrl(Path.of(dataDir)));
        if (url.startsWith("jdbc:h2:file:")) {
            createDirectories(Path.of(dataDir));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("hub-store");
        config.setJdbcUrl(url);
        config.setUsername(settings.get("ticketbridge.db.user", url.startsWith("jdbc:h2") ? "sa" : null));
        config.setPassword(settings.get("ticketbridge.db.password", ""));
        config.setMaximumPoolSize(settings.getInt("ticketbridge.db.pool-size", 10));
        config.setConnectionTimeout(settings.getLong("ticketbridge.db.connection-timeout-ms", 10_000));
        return open(config, settings.getLong("ticketbridge.db.h2-housekeeping-ms", 2_000),
                settings.getInt("ticketbridge.db.h2-housekeeping-fill-rate", 50),
                settings.getInt("ticketbridge.db.h2-housekeeping-write-bytes", 4 << 20));
    }

    /** Opens the pool, migrates, and on embedded H2 starts {@link H2Housekeeping} (0 ms: off). */
    static Database open(HikariConfig config, long housekeepingMs, int housekeepingFillRate,
                         int housekeepingWriteBytes) {
        HikariDataSource ds = new HikariDataSource(config);
        Database db = new Database(ds);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        if (db.isH2()) {
            db.housekeeping = H2Housekeeping.startIfNeeded(ds, housekeepingMs, housekeepingFillRate,
                    housekeepingWriteBytes);
        }
        return db;
    }

    /**
     * The embedded store: an H2 file in the data directory.
     * <ul>
     *   <li>WRITE_DELAY=0: H2 otherwise writes committed changes to the file up to 500 ms later, and a JVM
     *       that dies meanwhile (kill -9, out of memory) loses them, although the API already answered 2xx
     *       or the queue message was already deleted. With 0 each commit is in the file (the operating
     *       system's cache) before it returns, so it survives a crash of the process
     *       (StoreDurabilityTest). A crash of the whole machine can still lose the last commits: H2 does
     *       not fsync per commit; PostgreSQL does. Without a write delay H2 runs no background writer, so
     *       {@link H2Housekeeping} rewrites sparse chunks in its place (or the file grows with every
     *       commit).</li>
     *   <li>PAGE_SIZE=4096: B-tree pages split at 4 KB instead of H2's 16 KB. Each commit writes every page
     *       it changed (a queue batch touches some 14 trees), so smaller pages mean less to serialize and
     *       write per commit: InboundBenchmark's bridge 1,832-2,120 → 2,440-2,848 msg/s in steady rounds.</li>
     *   <li>QUERY_CACHE_SIZE=256: H2 re-parses any statement missing from a connection's query cache (8 by
     *       default); one outbox job alone runs some 25 distinct statements.</li>
     * </ul>
     */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ticketbridge")
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256;WRITE_DELAY=0;PAGE_SIZE=4096";
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        long start = System.nanoTime();
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .load()
                .migrate();
        LOG.info("Hub store ready ({}), schema version {}, {} migration(s) applied in {} ms", vendor,
                result.targetSchemaVersion, result.migrationsExecuted, (System.nanoTime() - start) / 1_000_000);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** "h2" or "postgresql". */
    public String vendor() {
        return vendor;
    }

    public boolean isH2() {
        return vendor.toLowerCase(Locale.ROOT).equals("h2");
    }

    /**
     * For write-heavy transactions that run from several threads at once (queue batches): on embedded H2,
     * their statements one at a time (the commits, which write to the file, may overlap). H2's MVStore lets concurrent writers of the same tables race on each B-tree's root and
     * redo their copy-on-write on a conflict, so two queue batches applied together took more CPU per
     * message and gave fewer messages per second than the same batches one after the other (the other
     * thread meanwhile does its network round trips). Null on PostgreSQL, where writers do not collide.
     */
    public java.util.concurrent.locks.Lock batchWriteLock() {
        return batchWriteLock;
    }

    /** Embedded H2 with housekeeping: the store file's size and live share; otherwise empty. */
    public java.util.Map<String, Object> storeDetails() {
        return housekeeping == null ? java.util.Map.of() : housekeeping.details();
    }

    /** The embedded store's space-reuse task, or null (PostgreSQL, or H2 with a write delay). */
    H2Housekeeping housekeeping() {
        return housekeeping;
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.close();
        }
        dataSource.close();
    }

    /** One round trip to the database (health check). */
    public void ping() {
        jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    }
}
