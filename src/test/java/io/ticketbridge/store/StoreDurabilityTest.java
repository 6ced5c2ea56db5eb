package io.ticketbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit to the embedded store survives the JVM dying right after it (kill -9, out of memory): a child
 * JVM commits through the default store URL and halts at once; the rows are there when the store is
 * opened again. With H2's default write delay the same child loses every row.
 */
class StoreDurabilityTest {

    /** The child: commits 500 rows through the default URL, says so, and halts without closing anything. */
    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection(Database.defaultUrl(Path.of(args[0])), "sa", "");
        try (Statement s = c.createStatement()) {
            s.execute("create table crash_probe (id int primary key, note varchar(100))");
            c.setAutoCommit(false);
            for (int i = 0; i < 500; i++) {
                s.execute("insert into crash_probe values (" + i + ", 'committed before the crash')");
            }
            c.commit();
        }
        System.out.println("committed");
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }

    @Test
    void aCommitSurvivesTheJvmDyingRightAfterIt(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                StoreDurabilityTest.class.getName(), dir.toString())).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes());
        assertThat(out).contains("committed");
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(Files.exists(dir.resolve("ticketbridge.mv.db"))).isTrue();

        try (Connection c = DriverManager.getConnection(Database.defaultUrl(dir), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from crash_probe")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(500);
        }
    }
}
