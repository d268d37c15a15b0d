package io.neoncdc.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job at parallelism 2 (keyed and keyless tables, snapshot then stream) never holds more than
 * parallelism + 2 connections, as pg_stat_activity shows while it runs.
 */
class ConnectionBudgetITCase {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudgetITCase.class);
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @Test
    @Timeout(180)
    void snapshotAndStreamStayWithinParallelismPlusTwo() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("conn_budget");
        db.execute(
                "CREATE TABLE keyed (id int PRIMARY KEY, v text)",
                "ALTER TABLE keyed REPLICA IDENTITY FULL",
                "INSERT INTO keyed SELECT g, 'k' || g FROM generate_series(1, 3000) g",
                "CREATE TABLE keyless (id int, v text)",
                "ALTER TABLE keyless REPLICA IDENTITY FULL",
                "INSERT INTO keyless SELECT g, 'n' || g FROM generate_series(10001, 11000) g",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE keyed, keyless");
        Sampler sampler = new Sampler(db);
        sampler.start();
        ChangelogJob job =
                new ChangelogJob(PARALLELISM, 300)
                        .start(
                                "SELECT * FROM t",
                                "CREATE TABLE t (id INT, v STRING) "
                                        + db.withClause(
                                                "keyed|keyless",
                                                "scan.snapshot.chunk.size",
                                                "250"));
        try {
            job.awaitCommitted(r -> job.committed().size() >= 4000, Duration.ofSeconds(60));
            db.execute("INSERT INTO keyed VALUES (5000, 'stream')");
            job.awaitCommitted(
                    r -> Integer.valueOf(5000).equals(r.getField(0)), Duration.ofSeconds(60));
            Thread.sleep(1500); // the stream reader with its catalog connection, settled
        } finally {
            job.cancel();
            sampler.stop();
        }
        LOG.info(
                "Most connections at once: {} {}; while streaming: {} {}",
                sampler.max,
                sampler.atMax,
                sampler.last.size(),
                sampler.last);
        LOG.info("Connections seen: {}", new java.util.TreeSet<>(sampler.pids));
        assertThat(sampler.samples).isGreaterThan(20);
        assertThat(sampler.max).isBetween(PARALLELISM, PARALLELISM + 2);
        assertThat(sampler.last).hasSizeLessThanOrEqualTo(PARALLELISM + 2);
        assertThat(sampler.last).anyMatch(s -> s.contains("walsender"));
    }

    /** Polls pg_stat_activity for the connector's connections to the test database. */
    private static final class Sampler implements Runnable {
        private final TestDatabase db;
        private final Thread thread = new Thread(this, "pg_stat_activity sampler");
        private volatile boolean running = true;
        volatile int max;
        volatile int samples;
        volatile Map<String, Integer> atMax = Map.of();
        volatile List<String> last = List.of();
        final java.util.Set<String> pids = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Sampler(TestDatabase db) {
            this.db = db;
        }

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5000);
        }

        @Override
        public void run() {
            try (Connection c = db.connect();
                    Statement st = c.createStatement()) {
                while (running) {
                    List<String> now = new ArrayList<>();
                    try (ResultSet rs =
                            st.executeQuery(
                                    "SELECT application_name, backend_type, pid FROM"
                                        + " pg_stat_activity WHERE datname = current_database() AND"
                                        + " application_name LIKE 'neon-postgres-cdc%'")) {
                        while (rs.next()) {
                            now.add(rs.getString(1) + " (" + rs.getString(2) + ")");
                            pids.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                        }
                    }
                    samples++;
                    if (!now.isEmpty()) {
                        last = now;
                    }
                    if (now.size() > max) {
                        max = now.size();
                        Map<String, Integer> byName = new TreeMap<>();
                        now.forEach(n -> byName.merge(n, 1, Integer::sum));
                        atMax = byName;
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                LOG.warn("Sampling pg_stat_activity failed", e);
            }
        }
    }
}
