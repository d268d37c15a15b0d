package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.scheduler.stopwithsavepoint.StopWithSavepointStoppingException;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A savepoint taken in the middle of the snapshot restores exactly with the same and with a
 * different parallelism: chunks in flight, finished-but-unacknowledged chunks and the rows of a
 * partly emitted chunk are redistributed without loss or duplicates.
 */
class RescaleRestoreITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int ROWS = 12_000;

    @TempDir Path savepoints;

    @ParameterizedTest(name = "parallelism {0} -> {1}")
    @CsvSource({"2, 2", "2, 3", "3, 1"})
    @Timeout(240)
    void restoreMidSnapshot(int before, int after) throws Exception {
        TestDatabase db =
                PostgresTestServer.get().createDatabase("rescale_" + before + "_" + after);
        db.createIdTable("t", ROWS);
        String ddl =
                "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                        + db.withClause("t", "scan.snapshot.chunk.size", "500");
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS + ROWS / 2).start(2, 5)) {
            // Chaining depends on parallelism and changes generated operator ids: keep it off so
            // the savepoint maps onto the rescaled job.
            Configuration noChaining = new Configuration();
            noChaining.set(PipelineOptions.OPERATOR_CHAINING, false);
            ChangelogJob first = new ChangelogJob(before, 300, noChaining, null);
            String id = first.collectorId();
            first.through(new Throttle(id, 100_000)).start("SELECT * FROM t", ddl);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (Throttle.seen(id) < ROWS / 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String savepoint = stopWithSavepoint(first);
            Configuration restore = new Configuration(noChaining);
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            ChangelogJob second = new ChangelogJob(after, 300, restore, id);
            second.through(new Throttle(id + "-2", 0)).start("SELECT * FROM t", ddl);
            writer.awaitMoreCommits(150, Duration.ofSeconds(60));
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            second.cancel();
            second.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
            assertThat(second.committed().size()).isGreaterThan(ROWS);
        }
    }

    /**
     * Stops the job with a savepoint and returns its path. When the snapshot had already finished
     * (a fast machine reads every chunk at once), the stop can hit the hand-over, and a task may
     * then fail while stopping (a known open race, see the stop-20 note; HandOverSavepointITCase
     * covers the clean stop). Flink has written the savepoint before that and says it is
     * consistent, so the restore below still checks what this test is about: exactness across a
     * restore with another parallelism.
     */
    private String stopWithSavepoint(ChangelogJob job) throws Exception {
        try {
            return job.client()
                    .stopWithSavepoint(
                            false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
        } catch (ExecutionException e) {
            return ExceptionUtils.findThrowable(e, StopWithSavepointStoppingException.class)
                    .map(StopWithSavepointStoppingException::getSavepointPath)
                    .orElseThrow(() -> e);
        }
    }
}
