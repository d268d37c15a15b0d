package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.CommittedCollector;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Restoring from a retained checkpoint one or two checkpoints older than the last completed one is
 * exact with {@code slot.confirm-delay-checkpoints} = 2, and fails loudly without it.
 */
class OlderCheckpointRestoreITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(retainFive())
                            .build());

    private static final int ROWS = 2_000;

    @TempDir Path checkpoints;

    @ParameterizedTest(name = "{0} checkpoint(s) old, confirm delay {1}")
    @CsvSource({"1, 2", "2, 2", "2, 0"})
    @Timeout(180)
    void restoreFromOlderCheckpoint(int age, int confirmDelay) throws Exception {
        TestDatabase db =
                PostgresTestServer.get().createDatabase("older_ckpt_" + age + confirmDelay);
        db.createIdTable("t", ROWS);
        String ddl =
                "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                        + db.withClause(
                                "t",
                                "scan.snapshot.chunk.size",
                                "400",
                                "slot.confirm-delay-checkpoints",
                                String.valueOf(confirmDelay));
        Configuration retained = new Configuration();
        retained.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        retained.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 5);
        retained.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        retained.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(2, 23)) {
            ChangelogJob first = new ChangelogJob(1, 300, retained, null);
            String id = first.collectorId();
            first.through(new Throttle(id, 0)).start("SELECT * FROM t", ddl);
            first.awaitCommitted(r -> true, Duration.ofSeconds(60));
            // Streaming with writes between several completed checkpoints.
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (Throttle.seen(id) < ROWS + 200 || System.nanoTime() < until) {
                Thread.sleep(50);
            }
            first.cancel();
            List<Path> completed = completedCheckpoints(first.client().getJobID().toString());
            assertThat(completed).hasSizeGreaterThan(age);
            Path older = completed.get(completed.size() - 1 - age);

            // The restored job's output continues what the first job's sink committed up to
            // that checkpoint, as a transactional sink restored from it would.
            String restoredId = UUID.randomUUID().toString();
            CommittedCollector.copyUpTo(id, restoredId, checkpointId(older));
            Configuration restore = new Configuration(retained);
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, older.toUri().toString());
            ChangelogJob second = new ChangelogJob(1, 300, restore, restoredId);
            second.through(new Throttle(restoredId, 0)).start("SELECT * FROM t", ddl);
            if (confirmDelay < age) {
                writer.close();
                assertThatThrownBy(() -> second.client().getJobExecutionResult().get())
                        .hasStackTraceContaining("already confirmed position")
                        .hasStackTraceContaining("restored from an older checkpoint")
                        .hasStackTraceContaining("'slot.confirm-delay-checkpoints'");
                return;
            }
            writer.awaitMoreCommits(100, Duration.ofSeconds(60));
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
            second.cancel();
            second.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        }
    }

    /** The number of retained checkpoints is a cluster setting. */
    private static Configuration retainFive() {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 5);
        return c;
    }

    /** The job's retained checkpoints with metadata, oldest first. */
    private List<Path> completedCheckpoints(String jobId) throws IOException {
        try (Stream<Path> dirs = Files.list(checkpoints.resolve(jobId))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .filter(d -> Files.exists(d.resolve("_metadata")))
                    .sorted((a, b) -> Long.compare(checkpointId(a), checkpointId(b)))
                    .collect(Collectors.toList());
        }
    }

    private static long checkpointId(Path dir) {
        return Long.parseLong(dir.getFileName().toString().substring("chk-".length()));
    }
}
