package io.neoncdc.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.SlotCreationWatch;
import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 10: creating the slot waits for every transaction that holds a transaction id, in
 * any database, a prepared one or an idle session's included. The connector says which ones (pid or
 * gid, age) every 30 seconds and how to end them; once they end, the job starts and is exact. A
 * server of its own: a held prepared transaction would block every other test's slot.
 */
class SlotCreationBlockersITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 2_000;
    private static PostgresTestServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresTestServer.startEmbedded(Map.of("max_prepared_transactions", "4"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.embedded().close();
    }

    @Test
    @Timeout(240)
    void slotCreationBlockedByAPreparedAndAnIdleTransactionNamesThemEvery30Seconds()
            throws Exception {
        TestDatabase db = server.createDatabase("slot_blocked");
        db.createIdTable("t", ROWS);
        TestDatabase other = server.createDatabase("slot_blocked_other");
        other.execute("CREATE TABLE x (a int)");
        try (LogCapture log = LogCapture.of(SlotCreationWatch.class, Level.WARN);
                Connection prepared = other.connect();
                Connection idle = other.connect();
                Statement p = prepared.createStatement();
                Statement i = idle.createStatement()) {
            // Both hold a transaction id in another database: the slot waits for them.
            p.execute("BEGIN");
            p.execute("INSERT INTO x VALUES (1)");
            p.execute("PREPARE TRANSACTION 'neoncdc_held_gid'");
            i.execute("BEGIN");
            long idlePid;
            try (ResultSet rs = i.executeQuery("SELECT pg_backend_pid(), txid_current()")) {
                rs.next();
                idlePid = rs.getLong(1);
            }
            try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(1, 13)) {
                long started = System.nanoTime();
                ChangelogJob job =
                        new ChangelogJob(1, 500)
                                .start(
                                        "SELECT * FROM t",
                                        "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                                + db.withClause("t"));
                List<String> reports = awaitReports(log, 2, Duration.ofSeconds(90));
                long waited = (System.nanoTime() - started) / 1_000_000_000L;
                assertThat(waited).as("second report ~30 s after the first").isGreaterThan(30);
                for (String report : reports) {
                    assertThat(report)
                            .contains("slot")
                            .contains("prepared transaction 'neoncdc_held_gid'")
                            .contains("database " + other.name())
                            .contains("pid " + idlePid)
                            .contains("idle in transaction")
                            .contains("transaction age")
                            .contains("ROLLBACK PREPARED")
                            .contains("pg_terminate_backend");
                }
                assertThat(job.committed()).as("nothing read while the slot waits").isEmpty();
                // The fix the log names: end both; the slot is created and the job goes on.
                i.execute("ROLLBACK");
                p.execute("ROLLBACK PREPARED 'neoncdc_held_gid'");
                writer.awaitMoreCommits(20, Duration.ofSeconds(60));
                writer.close();
                db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
                job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
                job.cancel();
                job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
            }
        }
    }

    private static List<String> awaitReports(LogCapture log, int n, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> reports =
                    log.messages().stream()
                            .filter(m -> m.startsWith("Creating replication slot"))
                            .collect(Collectors.toList());
            if (reports.size() >= n) {
                return reports;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Fewer than " + n + " slot creation reports: " + log.messages());
    }
}
