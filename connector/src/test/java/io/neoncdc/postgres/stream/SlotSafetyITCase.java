package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent loss: a slot dropped or advanced while the job was stopped is detected on restore and
 * fails the job with an explanation, or (resnapshot) re-reads the tables.
 */
class SlotSafetyITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @TempDir Path savepoints;

    @Test
    @Timeout(120)
    void slotDroppedWhileStoppedIsDetected() throws Exception {
        TestDatabase db = table("safety_dropped");
        String savepoint = runAndStop(db, "fail");
        db.execute("SELECT pg_drop_replication_slot('" + db.name() + "')");
        assertThat(restoreFailure(db, savepoint, "fail")).contains("no longer exists");
    }

    @Test
    @Timeout(120)
    void slotAdvancedBehindTheJobsBackIsDetected() throws Exception {
        TestDatabase db = table("safety_advanced");
        String savepoint = runAndStop(db, "fail");
        // Flushed WAL only: the test server commits asynchronously.
        db.execute("SET synchronous_commit = on", "INSERT INTO t VALUES (501, 1, 'gap')");
        String advanced =
                db.queryValue(
                        "SELECT end_lsn FROM pg_replication_slot_advance('"
                                + db.name()
                                + "', pg_current_wal_flush_lsn())");
        assertThat(advanced).isNotEqualTo(db.queryValue("SELECT '0/0'"));
        assertThat(restoreFailure(db, savepoint, "fail")).contains("already confirmed position");
    }

    @Test
    @Timeout(120)
    void resnapshotAfterTheSlotWasDropped() throws Exception {
        TestDatabase db = table("safety_resnapshot");
        String savepoint = runAndStop(db, "resnapshot");
        db.execute("SELECT pg_drop_replication_slot('" + db.name() + "')");
        db.execute("INSERT INTO t VALUES (500, 1, 'gap')", "UPDATE t SET v = 9 WHERE id = 1");
        ChangelogJob restored = restore(db, savepoint, "resnapshot", new Configuration());
        db.execute("INSERT INTO t VALUES (501, 1, 'sentinel')");
        restored.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
        restored.cancel();
        // Upsert-correct: applied as upserts, the result equals the table.
        Map<String, String> upserted = new TreeMap<>();
        for (Row r : restored.committed()) {
            String key = String.valueOf(r.getField(0));
            if (r.getKind() == RowKind.DELETE || r.getKind() == RowKind.UPDATE_BEFORE) {
                upserted.remove(key);
            } else {
                upserted.put(key, r.getField(0) + ", " + r.getField(1) + ", " + r.getField(2));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String row : db.queryRows("SELECT id, v, s FROM t")) {
            expected.put(row.substring(0, row.indexOf(',')), row);
        }
        assertThat(upserted).isEqualTo(expected);
    }

    private String runAndStop(TestDatabase db, String action) throws Exception {
        db.execute("INSERT INTO t SELECT g, 1, 'a' FROM generate_series(1, 100) g");
        ChangelogJob job = new ChangelogJob(1, 200).start("SELECT * FROM t", ddl(db, action));
        job.awaitCommitted(r -> Long.valueOf(100).equals(r.getField(0)), Duration.ofSeconds(60));
        return job.client()
                .stopWithSavepoint(
                        false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
    }

    private String restoreFailure(TestDatabase db, String savepoint, String action)
            throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        ChangelogJob job = restore(db, savepoint, action, config);
        try {
            job.client().getJobExecutionResult().get();
        } catch (Exception e) {
            return ExceptionUtils.stringifyException(e);
        }
        throw new AssertionError("The restored job did not fail");
    }

    private ChangelogJob restore(
            TestDatabase db, String savepoint, String action, Configuration config)
            throws Exception {
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        return new ChangelogJob(1, 200, config, null).start("SELECT * FROM t", ddl(db, action));
    }

    private static String ddl(TestDatabase db, String action) {
        return DDL + db.withClause("t", "slot.lost-action", action);
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
