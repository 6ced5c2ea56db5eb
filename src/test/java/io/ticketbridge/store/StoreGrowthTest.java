package io.ticketbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file does not grow with every commit. With WRITE_DELAY=0 (each commit written
 * before it returns) H2 runs no background writer, so nothing rewrote sparse chunks and the file grew by
 * about every commit's size for ever; {@link H2Housekeeping} rewrites them instead. The test shortens
 * H2's retention time (45 s by default; freed space is reused only after it) so reuse shows within
 * seconds, and runs the same small commits with the housekeeping off and on.
 */
class StoreGrowthTest {

    private static final int COMMITS = 4_000;

    @Test
    void theFileStaysBoundedUnderManySmallCommits(@TempDir Path dir) throws Exception {
        long without = fileSizeAfterCommits(dir.resolve("off"), 0);
        // passes every 20 ms of up to 16 MB each: more than any machine commits meanwhile, so the figure does
        // not depend on the machine's speed
        long with = fileSizeAfterCommits(dir.resolve("on"), 20);
        System.out.printf("store file after %d commits: housekeeping off %.1f MB, on %.1f MB%n", COMMITS,
                without / 1e6, with / 1e6);
        assertThat(without).as("without housekeeping the file grows with every commit")
                .isGreaterThan(100L << 20);
        assertThat(with).as("with housekeeping the space of old chunks is reused").isLessThan(without / 4);
    }

    @Test
    void noHousekeepingWithAWriteDelayOrOnAnotherStore(@TempDir Path dir) {
        // H2's own background writer does the work when there is a write delay
        try (Database db = Database.open(config(Database.defaultUrl(dir).replace("WRITE_DELAY=0", "WRITE_DELAY=500")),
                100, 50, 1 << 20)) {
            assertThat(db.housekeeping()).isNull();
        }
        try (Database db = Database.open(config(Database.defaultUrl(dir)), 100, 50, 1 << 20)) {
            assertThat(db.housekeeping()).isNotNull();
            assertThat(db.housekeeping().store().getAutoCommitDelay()).isZero();
        }
    }

    private static long fileSizeAfterCommits(Path dir, long housekeepingMs) throws Exception {
        Files.createDirectories(dir);
        try (Database db = Database.open(config(Database.defaultUrl(dir) + ";RETENTION_TIME=0"), housekeepingMs,
                50, 16 << 20)) {
            db.jdbi().useHandle(h -> {
                h.execute("create table growth_probe (id varchar(36) primary key, k varchar(40), body varchar(400))");
                h.execute("create index growth_probe_k on growth_probe(k)");
                h.execute("create table growth_counter (id int primary key, n int)");
                for (int i = 0; i < 100; i++) {
                    h.execute("insert into growth_counter values (?, 0)", i);
                }
            });
            java.util.Random random = new java.util.Random(7);
            String body = "x".repeat(300);
            for (int i = 0; i < COMMITS; i++) {
                int n = i;
                db.jdbi().useTransaction(h -> {
                    for (int j = 0; j < 5; j++) {
                        h.execute("insert into growth_probe values (?, ?, ?)", java.util.UUID.randomUUID().toString(),
                                "k" + random.nextInt(100_000), body);
                    }
                    h.execute("update growth_counter set n = n + 1 where id = ?", n % 100);
                });
            }
            return Files.size(dir.resolve("ticketbridge.mv.db"));
        }
    }

    private static HikariConfig config(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        return config;
    }
}
