package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The stream is exactly-once across a task failure inside a large transaction and a savepoint. */
class StreamExactlyOnceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @Test
    @Timeout(180)
    void taskFailureInsideA100kRowTransaction() throws Exception {
        TestDatabase db = table("eo_failure");
        db.createSlot(db.name());
        db.execute("INSERT INTO t VALUES (0, 0, 'before')");
        // One transaction of 100 000 rows, then a small one after it.
        db.execute("INSERT INTO t SELECT g, g % 7, 'big' FROM generate_series(1, 100000) g");
        db.execute("INSERT INTO t VALUES (100001, 1, 'after')");

        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        ChangelogJob job = new ChangelogJob(1, 300, config, null);
        String failure = job.collectorId();
        job.through(new FailOnce(failure, 40_000, 500))
                .start(
                        "SELECT * FROM t",
                        DDL + db.withClause("t", "scan.startup.mode", "committed-offset"));
        job.awaitCommitted(r -> "after".equals(r.getField(2)), Duration.ofSeconds(150));
        job.cancel();

        assertThat(FailOnce.failed(failure)).as("the failure was injected").isTrue();
        List<Row> rows = job.committed();
        assertThat(rows).hasSize(100_002).allMatch(r -> r.getKind() == RowKind.INSERT);
        Map<String, Row> table =
                io.neoncdc.postgres.testutil.Changelog.apply(
                        rows, r -> String.valueOf(r.getField(0)));
        assertThat(table).hasSize(100_002);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getField(0)).as("commit order").isEqualTo((long) i);
        }
    }

    @Test
    @Timeout(180)
    void stopWithSavepointAndRestore(@TempDir Path savepoints) throws Exception {
        TestDatabase db = table("eo_savepoint");
        db.createSlot(db.name());
        String with = db.withClause("t", "scan.startup.mode", "committed-offset");
        db.execute("INSERT INTO t SELECT g, 1, 'a' FROM generate_series(1, 1000) g");

        ChangelogJob first = new ChangelogJob(1, 300).start("SELECT * FROM t", DDL + with);
        first.awaitCommitted(r -> Long.valueOf(1000).equals(r.getField(0)), Duration.ofSeconds(60));
        db.execute("UPDATE t SET v = 2 WHERE id <= 10");
        String savepoint =
                first.client()
                        .stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        // Changes while the job is stopped, then a restore from the savepoint.
        db.execute(
                "INSERT INTO t SELECT g, 1, 'b' FROM generate_series(1001, 2000) g",
                "DELETE FROM t WHERE id <= 5");
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        ChangelogJob second =
                new ChangelogJob(1, 300, restore, first.collectorId())
                        .start("SELECT * FROM t", DDL + with);
        db.execute("INSERT INTO t VALUES (5000, 1, 'sentinel')");
        second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(60));
        second.cancel();

        second.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        // 2001 inserts, 10 updates (-U/+U), 5 deletes: nothing lost, nothing twice.
        assertThat(second.committed()).hasSize(2001 + 20 + 5);
    }

    private static TestDatabase table(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        return db;
    }
}
