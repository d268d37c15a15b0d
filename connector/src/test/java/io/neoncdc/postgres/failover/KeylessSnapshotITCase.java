package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 4: a table without a key is read in page ranges under one exported snapshot. A task
 * failure right after its last chunk's report (before the next checkpoint) re-reads that chunk
 * under the same snapshot; VACUUM FULL and CLUSTER between its chunks move no row between page
 * ranges; a snapshot lost before the table's chunks are read makes the connector read the table
 * again, with no error. Every case: writers run, and the retract stream is exact and materializes
 * to the table (ids are unique, so rows are checked per id).
 */
class KeylessSnapshotITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .setConfiguration(smallNetworkBuffers())
                            .build());

    private static final int ROWS = 6_000;

    /** The sources feel the sink's pace, so chunks are read while others are still emitted. */
    private static Configuration smallNetworkBuffers() {
        Configuration c = new Configuration();
        c.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("4kb"));
        return c;
    }

    @BeforeAll
    static void tidRangeScans() {
        assumeTrue(
                PostgresTestServer.get().serverVersionNum() >= 140000,
                "page-range chunks need TID range scans (PostgreSQL 14+)");
    }

    @Test
    @Timeout(240)
    void taskFailureRightAfterTheLastPageRangeChunkIsExact() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("keyless_fail_last");
        createKeyless(db, "t");
        ChangelogJob job = new ChangelogJob(2, 3000, restarts(), null);
        String id = job.collectorId();
        // The snapshot has exactly ROWS rows (the writer only updates, moving tuples between
        // pages), and the stream starts only after a checkpoint after the last chunk: the failure
        // comes with the last snapshot row, right after the last chunk's report.
        job.through(new Throttle(id, 20_000));
        job.through(new FailAfterTables(id + "-fail", Map.of("t", (long) ROWS), 1));
        try (Updater updater = new Updater(db, "t").start()) {
            job.start(
                    "SELECT 't' AS tbl, id, v, s FROM t",
                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                            + db.withClause("t", "scan.snapshot.chunk.size", "300"));
            awaitFailure(id + "-fail");
            updater.awaitMore(50);
        }
        finish(db, job, List.of("t"));
    }

    @Test
    @Timeout(300)
    void vacuumFullAndClusterBetweenPageRangeChunksMoveNoRow() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("keyless_rewrite");
        createKeyless(db, "t");
        // Dead tuples in every page: the rewrites compact the table, so live tuples move.
        db.execute("UPDATE t SET v = v + 1 WHERE id % 3 = 0", "UPDATE t SET v = v + 1");
        String before = db.queryValue("SELECT md5(string_agg(ctid::text, ',' ORDER BY id)) FROM t");
        ChangelogJob job = new ChangelogJob(2, 500, restarts(), null);
        String id = job.collectorId();
        job.through(new Throttle(id, 200_000));
        AtomicLong vacuumDoneAt = new AtomicLong(-1);
        AtomicLong clusterDoneAt = new AtomicLong(-1);
        AtomicReference<Throwable> rewriteError = new AtomicReference<>();
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 3 / 2).start(2, 11)) {
            job.start(
                    "SELECT 't' AS tbl, id, v, s FROM t",
                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                            + db.withClause("t", "scan.snapshot.chunk.size", "200"));
            awaitSeen(id, ROWS / 4);
            Thread rewrites =
                    new Thread(
                            () -> {
                                try {
                                    rewrite(db, "VACUUM FULL t", id, vacuumDoneAt);
                                    awaitSeen(id, ROWS / 2);
                                    rewrite(db, "CLUSTER t USING t_id", id, clusterDoneAt);
                                } catch (Throwable e) {
                                    rewriteError.set(e);
                                }
                            });
            rewrites.start();
            rewrites.join(Duration.ofSeconds(200).toMillis());
            assertThat(rewriteError.get()).as("rewrites").isNull();
            assertThat(clusterDoneAt.get()).as("CLUSTER done").isNotNegative();
        }
        assertThat(vacuumDoneAt.get()).as("VACUUM FULL done").isNotNegative();
        assertThat(db.queryValue("SELECT md5(string_agg(ctid::text, ',' ORDER BY id)) FROM t"))
                .as("tuples moved")
                .isNotEqualTo(before);
        finish(db, job, List.of("t"));
    }

    @Test
    @Timeout(300)
    void exportedSnapshotLostBeforeTheTableIsReadIsReadAgain() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("keyless_lost");
        db.createIdTable("a", ROWS);
        createKeyless(db, "t");
        ChangelogJob job = new ChangelogJob(1, 500, restarts(), null);
        String id = job.collectorId();
        job.through(new Throttle(id, 300_000));
        try (RandomWriter wa = RandomWriter.onIds(db, "a", ROWS).start(1, 5);
                RandomWriter wt = RandomWriter.onIds(db, "t", ROWS).start(1, 6)) {
            job.start(
                    "SELECT tbl, id, v, s FROM src",
                    "CREATE TABLE src (tbl STRING METADATA FROM 'table_name' VIRTUAL, id BIGINT,"
                            + " v INT, s STRING) "
                            + db.withClause("a|t", "scan.snapshot.chunk.size", "300"));
            // Table a's chunks come first; while they are read, the session holding t's exported
            // snapshot dies (as when the JobManager restarts or its connection is cut).
            awaitSeen(id, 300);
            assertThat(Throttle.seen(id)).as("still reading a").isLessThan(ROWS / 2);
            assertThat(
                            db.queryValue(
                                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                            + " WHERE datname = current_database()"
                                            + " AND application_name = 'neon-postgres-cdc"
                                            + " enumerator' AND state = 'idle in transaction'"))
                    .as("exporting sessions ended")
                    .isEqualTo("1");
            awaitSeen(id, ROWS * 2 + 200);
        }
        finish(db, job, List.of("a", "t"));
    }

    private static void createKeyless(TestDatabase db, String t) {
        db.execute(
                // No primary key: chunks are page ranges. The unique index is for the writers
                // (ON CONFLICT) and CLUSTER; the connector does not use it.
                "CREATE TABLE " + t + " (id bigint NOT NULL, v int, s text)",
                "CREATE UNIQUE INDEX " + t + "_id ON " + t + " (id)",
                "ALTER TABLE " + t + " REPLICA IDENTITY FULL",
                "INSERT INTO "
                        + t
                        + " SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE " + t);
    }

    private static Configuration restarts() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return config;
    }

    /**
     * Runs a rewrite; if the connector cancels it (it waited behind the snapshot and blocked the
     * chunk reads), runs it again once the snapshot's rows have passed. Records the rows seen when
     * it completed.
     */
    private static void rewrite(TestDatabase db, String sql, String id, AtomicLong doneAt)
            throws Exception {
        while (true) {
            try (Connection c = db.connect();
                    Statement st = c.createStatement()) {
                st.execute(sql);
                doneAt.set(Throttle.seen(id));
                return;
            } catch (SQLException e) {
                if (!"57014".equals(e.getSQLState())) {
                    throw e;
                }
                awaitSeen(id, ROWS + 1);
                Thread.sleep(500);
            }
        }
    }

    private static void finish(TestDatabase db, ChangelogJob job, List<String> tables)
            throws Exception {
        for (String t : tables) {
            db.execute("INSERT INTO " + t + " (id, v, s) VALUES (999999, -1, 'sentinel')");
        }
        for (String t : tables) {
            job.awaitCommitted(
                    r -> t.equals(r.getField(0)) && "sentinel".equals(r.getField(3)),
                    Duration.ofSeconds(150));
        }
        job.cancel();
        List<String> expected = new java.util.ArrayList<>();
        for (String t : tables) {
            expected.addAll(db.queryRows("SELECT '" + t + "', id, v, s FROM " + t));
        }
        job.assertMaterializesTo(expected, 2);
    }

    private static void awaitFailure(String fault) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!FailAfterTables.failed(fault) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(FailAfterTables.failed(fault)).as("failure injected").isTrue();
    }

    private static void awaitSeen(String id, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (Throttle.seen(id) < rows && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Throttle.seen(id)).as("rows seen").isGreaterThanOrEqualTo(rows);
    }

    /** Random single-row UPDATEs (no inserts or deletes): tuples move, the row count stays. */
    private static final class Updater implements AutoCloseable {
        private final TestDatabase db;
        private final String table;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong commits = new AtomicLong();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private Thread thread;

        Updater(TestDatabase db, String table) {
            this.db = db;
            this.table = table;
        }

        Updater start() {
            thread =
                    new Thread(
                            () -> {
                                Random random = new Random(7);
                                try (Connection c = db.connect();
                                        PreparedStatement ps =
                                                c.prepareStatement(
                                                        "UPDATE "
                                                                + table
                                                                + " SET v = v + 1, s = ? WHERE id"
                                                                + " = ?")) {
                                    while (!stop.get()) {
                                        ps.setString(1, "upd" + random.nextInt(100));
                                        ps.setLong(2, random.nextInt(ROWS));
                                        ps.executeUpdate();
                                        commits.incrementAndGet();
                                        Thread.sleep(4); // the stream keeps up with the sink
                                    }
                                } catch (Throwable e) {
                                    error.set(e);
                                }
                            },
                            "keyless-updater");
            thread.start();
            return this;
        }

        void awaitMore(long n) throws InterruptedException {
            long target = commits.get() + n;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (commits.get() < target && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
            assertThat(error.get()).as("updater").isNull();
            assertThat(commits.get()).as("updates").isPositive();
        }
    }
}
