package io.neoncdc.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults outside Flink: the replication connection killed with pg_terminate_backend, and the server
 * restarted (fast and immediate shutdown) while streaming. Nothing lost, nothing twice.
 */
class ServerFaultsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @TempDir Path dir;

    @Test
    @Timeout(180)
    void replicationConnectionTerminated() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("fault_terminate");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL");
        ChangelogJob job =
                new ChangelogJob(1, 300).start("SELECT * FROM t", DDL + db.withClause("t"));
        for (int round = 0; round < 3; round++) {
            db.execute(
                    "INSERT INTO t SELECT g, "
                            + round
                            + ", 'r' FROM generate_series("
                            + (round * 1000)
                            + ", "
                            + (round * 1000 + 999)
                            + ") g");
            awaitWalSender(db);
            db.execute(
                    "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE"
                            + " slot_name = '"
                            + db.name()
                            + "'");
        }
        db.execute("INSERT INTO t VALUES (99999, 0, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
        job.cancel();
        job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        assertThat(job.committed()).hasSize(3001);
    }

    @Test
    @Timeout(240)
    void serverRestartedFastAndImmediate() throws Exception {
        int port = PostgresTestServer.freePort();
        try (RestartableServer server = new RestartableServer(dir.resolve("data"), port)) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            sql(
                    url,
                    "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE t REPLICA IDENTITY FULL");
            Configuration config = new Configuration();
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
            config.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofSeconds(1));
            ChangelogJob job =
                    new ChangelogJob(1, 300, config, null)
                            .start(
                                    "SELECT * FROM t",
                                    DDL
                                            + "WITH ('connector' = 'neon-postgres-cdc', 'hostname'"
                                            + " = '127.0.0.1', 'port' = '"
                                            + port
                                            + "', 'username' = 'postgres', 'password' = 'x',"
                                            + " 'database-name' = 'postgres', 'table-name' = 't',"
                                            + " 'ssl.mode' = 'disable', 'connect.max-retries' ="
                                            + " '10', 'connect.retry-backoff' = '500 ms',"
                                            + " 'connect.timeout' = '5 s')");
            sql(url, "INSERT INTO t SELECT g, 1, 'before' FROM generate_series(1, 1000) g");
            job.awaitCommitted(
                    r -> Long.valueOf(1000).equals(r.getField(0)), Duration.ofSeconds(90));

            server.stopFast();
            server.start();
            sql(
                    url,
                    "INSERT INTO t SELECT g, 2, 'after-fast' FROM generate_series(1001, 2000) g",
                    "UPDATE t SET v = 3 WHERE id <= 100");
            job.awaitCommitted(
                    r -> Long.valueOf(2000).equals(r.getField(0)), Duration.ofSeconds(90));

            server.stopImmediate();
            server.start();
            sql(
                    url,
                    "INSERT INTO t SELECT g, 4, 'after-immediate' FROM generate_series(2001, 3000)"
                            + " g",
                    "DELETE FROM t WHERE id <= 50");
            sql(url, "INSERT INTO t VALUES (99999, 0, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();
            job.assertMaterializesTo(rows(url), 1);
        }
    }

    private static void awaitWalSender(TestDatabase db) throws InterruptedException {
        String active =
                "SELECT active FROM pg_replication_slots WHERE slot_name = '" + db.name() + "'";
        for (int i = 0; i < 300; i++) {
            if (db.queryRows(active).contains("t")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The stream never connected");
    }

    private static void sql(String url, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "x");
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static List<String> rows(String url) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "x");
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT id, v, s FROM t")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ", " + rs.getString(2) + ", " + rs.getString(3));
            }
        }
        return rows;
    }
}
