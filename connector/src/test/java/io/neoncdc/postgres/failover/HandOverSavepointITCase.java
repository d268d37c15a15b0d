package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop-with-savepoint that is the first checkpoint after the last chunk: its completion is what
 * lets the stream start, on tasks that are stopping. The job stops cleanly and the savepoint
 * restores exactly.
 */
class HandOverSavepointITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int ROWS = 2_000;

    /** No new row for this long: every chunk was read (the held stream emits nothing). */
    private static final long QUIET_NANOS = Duration.ofSeconds(2).toNanos();

    @TempDir Path savepoints;

    @Test
    @Timeout(240)
    void savepointThatOpensTheStreamGateStopsCleanlyAndRestoresExactly() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("handover_savepoint");
        db.createIdTable("t", ROWS);
        String ddl =
                "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                        + db.withClause("t", "scan.snapshot.chunk.size", "250");
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS + ROWS / 2).start(2, 3)) {
            // No periodic checkpoint completes during the test: the savepoint is the gate.
            ChangelogJob first = new ChangelogJob(2, 3_600_000);
            String id = first.collectorId();
            first.through(new Throttle(id, 0)).start("SELECT * FROM t", ddl);
            // The stream cannot start without a completed checkpoint: once the count of rows
            // seen stops growing, every chunk was read and the stream split is held.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long seen = -1;
            long quietSince = System.nanoTime();
            while ((seen < ROWS / 2 || System.nanoTime() - quietSince < QUIET_NANOS)
                    && System.nanoTime() < deadline) {
                if (Throttle.seen(id) != seen) {
                    seen = Throttle.seen(id);
                    quietSince = System.nanoTime();
                }
                Thread.sleep(50);
            }
            assertThat(seen).as("the snapshot was read").isGreaterThanOrEqualTo(ROWS / 2);
            String savepoint =
                    first.client()
                            .stopWithSavepoint(
                                    false,
                                    savepoints.toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();
            assertThat(first.client().getJobStatus().get().isGloballyTerminalState()).isTrue();
            Configuration restore = new Configuration();
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            ChangelogJob second = new ChangelogJob(2, 300, restore, id);
            second.through(new Throttle(id + "-2", 0)).start("SELECT * FROM t", ddl);
            writer.awaitMoreCommits(150, Duration.ofSeconds(60));
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            second.cancel();
            second.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        }
    }
}
