package io.neoncdc.postgres.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.DataDirCopy;
import io.neoncdc.postgres.testutil.DedicatedServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that went back in time under a stopped job, as a Neon branch restore does (the data
 * directory is replaced by a cold copy taken before the job ran): restored from its savepoint, the
 * job finds no slot and says so; with the slot created again by hand it still fails, because the
 * server's WAL position is behind the job's, instead of silently skipping the new WAL in between.
 */
@Timeout(300)
class BranchRestoreITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @TempDir Path dir;

    @Test
    void aServerBehindTheJobIsDetected() throws Exception {
        try (DedicatedServer server = DedicatedServer.start(17, Map.of())) {
            TestDatabase db = server.server().createDatabase("branch_restore");
            db.execute(
                    "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE t REPLICA IDENTITY FULL",
                    "INSERT INTO t SELECT g, 1, 'before' FROM generate_series(1, 50) g");
            // The restore point: a cold copy of the branch before the job ran.
            server.stop();
            Path backup = dir.resolve("backup");
            DataDirCopy.copy(server.dataDir(), backup, true);
            server.startAgain();

            ChangelogJob job = new ChangelogJob(1, 200).start("SELECT * FROM t", ddl(db));
            job.awaitCommitted(r -> Long.valueOf(50).equals(r.getField(0)), Duration.ofSeconds(60));
            for (int i = 0; i < 20; i++) {
                db.execute(
                        "INSERT INTO t SELECT g, 2, 'after' FROM generate_series(1000, 1200) g"
                                + " ON CONFLICT (id) DO UPDATE SET v = t.v + 1");
            }
            job.awaitCommitted(r -> r.getField(1).equals(21), Duration.ofSeconds(60));
            String savepoint =
                    job.client()
                            .stopWithSavepoint(
                                    false,
                                    dir.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get();

            server.stop();
            DataDirCopy.restore(backup, server.dataDir()); // the branch is restored
            server.startAgain();
            assertThat(restoreFailure(db, savepoint))
                    .contains("Replication slot '" + db.name() + "' no longer exists");

            // Someone creates the slot again: the job's position is still ahead of the server.
            db.createSlot(db.name());
            db.execute("INSERT INTO t VALUES (5000, 3, 'new on the restored branch')");
            assertThat(restoreFailure(db, savepoint))
                    .contains("The server's WAL position ")
                    .contains("is behind the position this job resumes from")
                    .contains("the server went back in time (a Neon branch restore or reset");
        }
    }

    private static String restoreFailure(TestDatabase db, String savepoint) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        ChangelogJob job = new ChangelogJob(1, 200, config, null).start("SELECT * FROM t", ddl(db));
        try {
            job.client().getJobExecutionResult().get();
        } catch (Exception e) {
            return ExceptionUtils.stringifyException(e);
        }
        throw new AssertionError("The restored job did not fail");
    }

    private static String ddl(TestDatabase db) {
        return DDL + db.withClause("t");
    }
}
