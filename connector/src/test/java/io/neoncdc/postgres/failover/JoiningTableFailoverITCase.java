package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TableChangelogs;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table that joins the capture while streaming is read in many chunks; a task failure in the
 * middle of that join restores from a checkpoint that holds some finished chunks and some pending
 * ones. The finished chunks' snapshots must survive the checkpoint: with writers on keys across the
 * whole table, the changelog of both tables stays exact.
 */
class JoiningTableFailoverITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 20_000;

    @TempDir Path savepoints;

    @Test
    @Timeout(300)
    void aFailureMidJoinKeepsTheSnapshotsOfTheChunksAlreadyRead() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("join_failover");
        db.createIdTable("a", 1_000);
        db.createIdTable("b", ROWS);
        String ddl =
                "CREATE TABLE t (id BIGINT, v INT, s STRING,"
                        + " tbl STRING METADATA FROM 'table_name' VIRTUAL) ";
        ChangelogJob first =
                new ChangelogJob(1, 200).start("SELECT * FROM t", ddl + db.withClause("a"));
        first.awaitCommitted(r -> Long.valueOf(999).equals(r.getField(0)), Duration.ofSeconds(90));
        String savepoint =
                first.client()
                        .stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        Configuration config = new Configuration();
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        ChangelogJob second = new ChangelogJob(1, 200, config, first.collectorId());
        String failure = second.collectorId() + "-join-failure";
        // b's 20 chunks take a few seconds to emit (1 ms pause every 25 rows), several
        // checkpoints complete meanwhile, and the failure comes after 8 000 rows of the attempt:
        // the restore sees b half read.
        second.through(new FailOnce(failure, 8_000, 25));
        try (RandomWriter wa = RandomWriter.onIds(db, "a", 1_200).start(1, 5);
                RandomWriter wb = RandomWriter.onIds(db, "b", ROWS + 1_000).start(3, 7)) {
            wb.awaitMoreCommits(50, Duration.ofSeconds(30));
            second.start(
                    "SELECT * FROM t",
                    ddl + db.withClause("a|b", "scan.snapshot.chunk.size", "1000"));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!FailOnce.failed(failure) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(FailOnce.failed(failure)).as("the failure was injected").isTrue();
            wb.awaitMoreCommits(300, Duration.ofSeconds(60)); // writes after the restore
        }
        db.execute("INSERT INTO a VALUES (999999, -1, 'sentinel')");
        second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
        second.cancel();
        for (String table : new String[] {"a", "b"}) {
            TableChangelogs.assertExact(
                    second.committed(), table, 3, db.queryRows("SELECT id, v, s FROM " + table));
        }
    }
}
