package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.types.stream.SqlChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
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

/**
 * REPLICA IDENTITY that changes while the job runs is never silent: a plan without state fails with
 * the table, the LSN and the fix at the first key-only old row (ALTER … REPLICA IDENTITY DEFAULT, a
 * partition with the default identity), a plan with state stays exact, and a restore into a plan
 * whose state is new fails instead of guessing.
 */
@Timeout(180)
class IdentityChangeITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @Test
    void fullTableAlteredToDefaultFailsWithTheFix() throws Exception {
        TestDatabase db = database("ident_alter");
        db.execute("ALTER TABLE t REPLICA IDENTITY FULL");
        Throwable failure =
                new SqlChanges(DDL + db.withClause("t"))
                        .failure(
                                "SELECT * FROM t",
                                r -> r.startsWith("+I[3,"),
                                () ->
                                        db.execute(
                                                "ALTER TABLE t REPLICA IDENTITY DEFAULT",
                                                "UPDATE t SET v = 20 WHERE id = 2"));
        assertThat(SqlChanges.messages(failure))
                .contains("Table public.t at LSN ")
                .contains("an UPDATE arrived without its old row")
                .contains("ALTER TABLE \"public\".\"t\" REPLICA IDENTITY FULL")
                .contains("restart the SQL job without state");
    }

    @Test
    void partitionWithDefaultIdentityFailsWithTheFix() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("ident_partition");
        db.execute(
                "CREATE TABLE p (id bigint PRIMARY KEY, v int, s text) PARTITION BY RANGE (id)",
                "CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (0) TO (100)",
                "ALTER TABLE p_1 REPLICA IDENTITY FULL",
                "INSERT INTO p VALUES (1, 1, 'a'), (2, 2, 'b')");
        Throwable failure =
                new SqlChanges("CREATE TABLE t (id BIGINT, v INT, s STRING) " + db.withClause("p"))
                        .failure(
                                "SELECT * FROM t",
                                r -> r.startsWith("+I[2,"),
                                () ->
                                        db.execute(
                                                "CREATE TABLE p_2 PARTITION OF p FOR VALUES FROM"
                                                        + " (100) TO (200)",
                                                "INSERT INTO p VALUES (150, 1, 'c')",
                                                "DELETE FROM p WHERE id = 150"));
        assertThat(SqlChanges.messages(failure))
                .contains("Table public.p at LSN ")
                .contains("a DELETE arrived with only the key of its old row")
                .contains("REPLICA IDENTITY FULL");
    }

    @Test
    void tableWithStateStaysExactAcrossIdentityChanges() throws Exception {
        TestDatabase db = database("ident_state");
        ChangelogJob job =
                new ChangelogJob(1, 200).start("SELECT * FROM t", DDL + db.withClause("t"));
        job.awaitCommitted(r -> Long.valueOf(3).equals(r.getField(0)), Duration.ofSeconds(60));
        db.execute(
                "UPDATE t SET v = 10 WHERE id = 1",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "UPDATE t SET v = 20 WHERE id = 2",
                "UPDATE t SET id = 4 WHERE id = 1",
                "ALTER TABLE t REPLICA IDENTITY DEFAULT",
                "UPDATE t SET s = 'c2' WHERE id = 3",
                "DELETE FROM t WHERE id = 2",
                "INSERT INTO t VALUES (100, 0, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(60));
        job.cancel();
        job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        assertThat(job.committed())
                .filteredOn(
                        r -> r.getKind() == RowKind.UPDATE_BEFORE || r.getKind() == RowKind.DELETE)
                .extracting(Row::toString)
                .containsExactly(
                        "-U[1, 1, a]",
                        "-U[2, 2, b]",
                        "-D[1, 10, a]",
                        "-U[3, 3, c]",
                        "-D[2, 20, b]");
    }

    @Test
    void restoreOfAStatelessSavepointIntoAPlanWithStateFails(@TempDir Path savepoints)
            throws Exception {
        TestDatabase db = database("ident_restore");
        db.execute("ALTER TABLE t REPLICA IDENTITY FULL");
        ChangelogJob first = stableUids(new ChangelogJob(1, 200));
        first.start("SELECT * FROM t", DDL + db.withClause("t"));
        first.awaitCommitted(r -> Long.valueOf(3).equals(r.getField(0)), Duration.ofSeconds(60));
        String savepoint =
                first.client()
                        .stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
        db.execute("ALTER TABLE t REPLICA IDENTITY DEFAULT", "DELETE FROM t WHERE id = 1");

        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restore.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // The test's own collector has another operator id behind another plan: skip its state.
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        ChangelogJob second = stableUids(new ChangelogJob(1, 200, restore, first.collectorId()));
        second.start("SELECT * FROM t", DDL + db.withClause("t"));
        Throwable failure = null;
        try {
            second.client().getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            failure = e;
        }
        assertThat(second.client().getJobStatus().get()).isEqualTo(JobStatus.FAILED);
        assertThat(SqlChanges.messages(failure))
                .contains(
                        "restored from a checkpoint or savepoint taken while its plan kept no"
                                + " rows in Flink state");
        List<Row> rows = second.committed();
        assertThat(rows).noneMatch(r -> r.getKind() == RowKind.DELETE);
    }

    /** The planner names the source's operator "source" in both plans, so its state maps. */
    private static ChangelogJob stableUids(ChangelogJob job) {
        job.tableEnv().getConfig().set("table.exec.uid.generation", "ALWAYS");
        job.tableEnv().getConfig().set("table.exec.uid.format", "<transformation>");
        return job;
    }

    private static TestDatabase database(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "INSERT INTO t VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')");
        return db;
    }
}
