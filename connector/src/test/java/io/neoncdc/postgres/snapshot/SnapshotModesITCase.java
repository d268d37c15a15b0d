package io.neoncdc.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bounded snapshot mode, small and empty tables, and a table dropped while it is read. */
class SnapshotModesITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @Test
    @Timeout(120)
    void snapshotModeEndsWithExactlyTheTableContents() throws Exception {
        TestDatabase db = tables("mode_snapshot", "t");
        db.execute("INSERT INTO t SELECT g, g % 10, 'r' || g FROM generate_series(1, 5000) g");
        ChangelogJob job =
                new ChangelogJob(2, 200)
                        .start(
                                "SELECT * FROM t",
                                DDL
                                        + db.withClause(
                                                "t",
                                                "scan.startup.mode",
                                                "snapshot",
                                                "scan.snapshot.chunk.size",
                                                "400"));
        job.client().getJobExecutionResult().get(); // the bounded job ends by itself
        job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        assertThat(job.committed()).hasSize(5000);
    }

    @Test
    @Timeout(120)
    void snapshotModeWithConcurrentWritersIsOneConsistentPointInTime() throws Exception {
        TestDatabase db = tables("mode_snapshot_writes", "t");
        db.execute("INSERT INTO t SELECT g, g % 10, 'r' || g FROM generate_series(0, 9999) g");
        try (RandomWriter writer = RandomWriter.onIds(db, "t", 15000).start(3, 7)) {
            ChangelogJob job =
                    new ChangelogJob(2, 200)
                            .start(
                                    "SELECT * FROM t",
                                    DDL
                                            + db.withClause(
                                                    "t",
                                                    "scan.startup.mode",
                                                    "snapshot",
                                                    "scan.snapshot.chunk.size",
                                                    "200"));
            job.client().getJobExecutionResult().get();
            // Applies without contradiction: a changelog of one state of the table.
            Map<String, Row> table = Changelog.apply(job.committed(), r -> ChangelogJob.key(r, 1));
            assertThat(table).isNotEmpty();
        }
    }

    @Test
    @Timeout(120)
    void emptySingleRowAndSingleChunkTables() throws Exception {
        TestDatabase db = tables("mode_small", "t_empty", "t_one", "t_chunk");
        db.execute(
                "INSERT INTO t_one VALUES (1, 1, 'one')",
                "INSERT INTO t_chunk SELECT g, 1, 'c' FROM generate_series(1, 99) g");
        ChangelogJob job =
                new ChangelogJob(2, 200)
                        .start(
                                "SELECT * FROM t",
                                DDL
                                        + db.withClause(
                                                "t_(empty|one|chunk)",
                                                "scan.startup.mode",
                                                "snapshot",
                                                "scan.snapshot.chunk.size",
                                                "100"));
        job.client().getJobExecutionResult().get();
        assertThat(job.committed()).hasSize(100);
    }

    @Test
    @Timeout(120)
    void tableDroppedWhileBeingSnapshottedFailsClearly() throws Exception {
        TestDatabase db = tables("mode_dropped", "t");
        db.execute("INSERT INTO t SELECT g, 1, repeat('x', 100) FROM generate_series(1, 200000) g");
        Configuration config = new Configuration();
        // Two attempts: a failover racing with the reader's failure (e.g. an acknowledgement
        // event that cannot be delivered) must not hide the connector's own message.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        ChangelogJob job = new ChangelogJob(1, 0, config, null);
        String counter = job.collectorId();
        // A slow consumer makes the snapshot take a while.
        job.through(new Throttle(counter, 200_000))
                .start(
                        "SELECT * FROM t",
                        DDL + db.withClause("t", "scan.snapshot.chunk.size", "2000"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Throttle.seen(counter) < 1000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        db.execute("DROP TABLE t");
        Throwable failure = null;
        try {
            job.client().getJobExecutionResult().get();
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(ExceptionUtils.stringifyException(failure))
                .contains("public.t was dropped or renamed while being");
    }

    private static TestDatabase tables(String name, String... tables) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        StringBuilder list = new StringBuilder();
        for (String t : tables) {
            db.execute(
                    "CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE " + t + " REPLICA IDENTITY FULL");
            list.append(list.length() == 0 ? "" : ", ").append(t);
        }
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE " + list);
        return db;
    }
}
