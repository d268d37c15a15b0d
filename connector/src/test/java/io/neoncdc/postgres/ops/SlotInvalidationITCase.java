package io.neoncdc.postgres.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.cli.CliRun;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.DedicatedServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slots invalidated by the server while the job was stopped, for real: {@code wal_removed} by a
 * tiny {@code max_slot_wal_keep_size} (PostgreSQL 13, where only {@code wal_status = 'lost'} tells,
 * 17 and 18) and {@code idle_timeout} by PostgreSQL 18's {@code idle_replication_slot_timeout}. The
 * restored job fails with the cause's own explanation, {@code validate} says the same with the fix,
 * and {@code slot.lost-action = resnapshot} recovers to the table's contents.
 */
@Timeout(300)
class SlotInvalidationITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @TempDir Path savepoints;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void walRemovedBehindTheStoppedJob(int major) throws Exception {
        try (DedicatedServer server =
                DedicatedServer.start(
                        major, Map.of("max_slot_wal_keep_size", "1MB", "wal_keep_size", "0"))) {
            TestDatabase db = table(server, "inval_wal");
            String savepoint = runAndStop(db);
            db.execute("INSERT INTO t VALUES (500, 1, 'gap')", "UPDATE t SET v = 9 WHERE id = 1");
            db.execute("CREATE TABLE filler (x bigint)");
            String status =
                    awaitInvalidated(
                            db,
                            () ->
                                    db.execute(
                                            "INSERT INTO filler SELECT generate_series(1, 1000)",
                                            "SELECT pg_switch_wal()",
                                            "CHECKPOINT"));
            String cause =
                    major >= 17
                            ? "was invalidated because the server removed WAL it still needed"
                                    + " (invalidation_reason = 'wal_removed'): it fell more than"
                                    + " max_slot_wal_keep_size (now 1MB) behind"
                            : "was invalidated because the server removed WAL it still needed"
                                    + " (wal_status = 'lost'): it fell more than"
                                    + " max_slot_wal_keep_size (now 1MB) behind";
            assertThat(status).startsWith(major >= 17 ? "lost wal_removed" : "lost");
            assertRestoreFailsWith(db, savepoint, cause);
            assertValidateFailsWith(db, cause);
            assertResnapshotRecovers(db, savepoint);
        }
    }

    @Test
    void idleTimeoutOnPostgres18() throws Exception {
        try (DedicatedServer server = DedicatedServer.start(18, Map.of())) {
            TestDatabase db = table(server, "inval_idle");
            String savepoint = runAndStop(db);
            db.execute("INSERT INTO t VALUES (500, 1, 'gap')");
            // Set only now: the slot is inactive between its creation and the first stream.
            db.execute(
                    "ALTER SYSTEM SET idle_replication_slot_timeout = '1s'",
                    "SELECT pg_reload_conf()");
            // The checkpointer invalidates idle slots; CHECKPOINT forces one.
            String status = awaitInvalidated(db, () -> db.execute("CHECKPOINT"));
            assertThat(status).isEqualTo("lost idle_timeout");
            String cause =
                    "was invalidated because no client streamed from it for longer than"
                            + " idle_replication_slot_timeout (now 1s)"
                            + " (invalidation_reason = 'idle_timeout')";
            assertRestoreFailsWith(db, savepoint, cause);
            assertValidateFailsWith(db, cause);
            db.execute(
                    "ALTER SYSTEM SET idle_replication_slot_timeout = 0",
                    "SELECT pg_reload_conf()");
            assertResnapshotRecovers(db, savepoint);
        }
    }

    /** Runs {@code step} until the slot is invalidated; returns "wal_status reason". */
    private static String awaitInvalidated(TestDatabase db, Runnable step) throws Exception {
        boolean pg17 = db.server().serverVersionNum() >= 170000;
        String sql =
                "SELECT wal_status"
                        + (pg17 ? " || coalesce(' ' || invalidation_reason, '')" : "")
                        + " FROM pg_replication_slots WHERE slot_name = '"
                        + db.name()
                        + "'";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            step.run();
            String status = db.queryValue(sql);
            if (status.startsWith("lost")) {
                return status;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("The slot was not invalidated: " + db.queryValue(sql));
    }

    private String runAndStop(TestDatabase db) throws Exception {
        db.execute("INSERT INTO t SELECT g, 1, 'a' FROM generate_series(1, 100) g");
        ChangelogJob job = new ChangelogJob(1, 200).start("SELECT * FROM t", ddl(db, "fail"));
        job.awaitCommitted(r -> Long.valueOf(100).equals(r.getField(0)), Duration.ofSeconds(60));
        return job.client()
                .stopWithSavepoint(
                        false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
    }

    private void assertRestoreFailsWith(TestDatabase db, String savepoint, String cause)
            throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        ChangelogJob job = restore(db, savepoint, "fail", config);
        String failure = null;
        try {
            job.client().getJobExecutionResult().get();
        } catch (Exception e) {
            failure = ExceptionUtils.stringifyException(e);
        }
        assertThat(failure)
                .as("the restored job fails")
                .isNotNull()
                .contains("Replication slot '" + db.name() + "' " + cause)
                .contains(
                        "Recover: drop it (SELECT pg_drop_replication_slot('"
                                + db.name()
                                + "');) and restart the job without state");
    }

    private static void assertValidateFailsWith(TestDatabase db, String cause) {
        Map<String, String> options = new LinkedHashMap<>(db.connectionOptions());
        options.put("table-name", "t");
        options.put("slot.name", db.name());
        CliRun run = CliRun.withOptions("validate", options);
        assertThat(run.flat())
                .as(run.toString())
                .contains("[FAIL] Slot " + db.name() + ": pgoutput, inactive")
                .contains(": the slot " + cause)
                .contains("\n  SELECT pg_drop_replication_slot('" + db.name() + "');\n");
    }

    /** Re-reads the tables: applied as upserts, the output equals the table (not exactly-once). */
    private void assertResnapshotRecovers(TestDatabase db, String savepoint) throws Exception {
        ChangelogJob job = restore(db, savepoint, "resnapshot", new Configuration());
        db.execute("INSERT INTO t VALUES (501, 1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
        job.cancel();
        Map<String, String> upserted = new TreeMap<>();
        for (Row r : job.committed()) {
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
        assertThat(
                        db.queryValue(
                                "SELECT wal_status FROM pg_replication_slots WHERE slot_name = '"
                                        + db.name()
                                        + "'"))
                .isNotEqualTo("lost");
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

    private static TestDatabase table(DedicatedServer server, String name) {
        TestDatabase db = server.server().createDatabase(name);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        return db;
    }
}
