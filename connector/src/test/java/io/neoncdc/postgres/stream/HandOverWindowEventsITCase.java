package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.types.stream.SqlChanges;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events between the slot's position and the chunk snapshots (the hand-over window) that every
 * chunk already contains are dropped by the visibility filter, so they cannot fail the job either
 * (review §6): a TRUNCATE, and relation messages of a column layout older than the declared one.
 * The slot is created first (as {@code setup-sql} does), so a fresh start replays them.
 */
@Timeout(240)
class HandOverWindowEventsITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int ROWS = 6_000;

    @Test
    void truncateSeenByEveryChunkDoesNotStopAFreshStart() throws Exception {
        TestDatabase db = database("window_truncate");
        try (RandomWriter before = RandomWriter.onIds(db, "t", ROWS).start(2, 1)) {
            before.awaitMoreCommits(50, Duration.ofSeconds(30));
        }
        db.execute(
                "TRUNCATE t",
                "INSERT INTO t SELECT g, g % 100, 'again' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g");
        runExact(db, "CREATE TABLE t (id BIGINT, v INT, s STRING) ");
    }

    @Test
    void olderLayoutSeenByEveryChunkDoesNotFailANotNullColumn() throws Exception {
        TestDatabase db = database("window_layout");
        try (RandomWriter before = RandomWriter.onIds(db, "t", ROWS).start(2, 2)) {
            before.awaitMoreCommits(50, Duration.ofSeconds(30));
        }
        // The replayed changes above have no column c; the declaration says it is NOT NULL.
        db.execute("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0");
        runExact(db, "CREATE TABLE t (id BIGINT, v INT, s STRING, c INT NOT NULL) ");
    }

    @Test
    void truncateAfterTheSnapshotSaysToDropTheSlot() throws Exception {
        TestDatabase db = database("window_truncate_late");
        Throwable failure =
                new SqlChanges("CREATE TABLE t (id BIGINT, v INT, s STRING) " + db.withClause("t"))
                        .failure(
                                "SELECT * FROM t",
                                r -> r.startsWith("+I[" + (ROWS - 1) + ","),
                                () -> db.execute("TRUNCATE t"));
        assertThat(SqlChanges.messages(failure))
                .contains("TRUNCATE of captured table public.t at LSN ")
                .contains("'truncate.action' = 'skip'")
                // A start without state reuses the slot at its old position, which replays the
                // TRUNCATE: the advice must say to drop the slot.
                .contains("SELECT pg_drop_replication_slot('" + db.name() + "')");
    }

    /**
     * Writers run during the snapshot and after the stream started; the retract stream must be
     * exact and end at the table.
     */
    private static void runExact(TestDatabase db, String ddl) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        ChangelogJob job = new ChangelogJob(2, 200, conf, null);
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS + ROWS / 2).start(3, 7)) {
            job.start(
                    "SELECT * FROM t", ddl + db.withClause("t", "scan.snapshot.chunk.size", "500"));
            awaitStreaming(db, job);
            writer.awaitMoreCommits(100, Duration.ofSeconds(60));
        }
        db.execute("INSERT INTO t (id, v, s) VALUES (999999, -1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
        job.cancel();
        String columns = ddl.contains(" c INT") ? "id, v, s, c" : "id, v, s";
        job.assertMaterializesTo(db.queryRows("SELECT " + columns + " FROM t"), 1);
    }

    /** The stream reader holds the slot once every chunk is read and a checkpoint completed. */
    static void awaitStreaming(TestDatabase db, ChangelogJob job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String active =
                "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '"
                        + db.name()
                        + "'";
        while (!"1".equals(db.queryValue(active))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The stream did not start");
            }
            if (job.client().getJobStatus().get().isGloballyTerminalState()) {
                job.client().getJobExecutionResult().get(); // surfaces the failure
            }
            Thread.sleep(100);
        }
    }

    /** Table t with rows, its publication, then the slot (the order {@code setup-sql} uses). */
    private static TestDatabase database(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.createIdTable("t", ROWS);
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE t WITH (publish_via_partition_root)");
        db.createSlot(db.name());
        return db;
    }
}
