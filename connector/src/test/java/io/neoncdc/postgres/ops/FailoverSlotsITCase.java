package io.neoncdc.postgres.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.cli.CliRun;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.DedicatedServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.Standby;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code slot.failover} on PostgreSQL 17 and 18: the slot is created (or switched) with FAILOVER;
 * {@code validate} checks the primary's {@code synchronized_standby_slots} and a standby's slot
 * sync settings; and with a real hot standby (a copy of the primary's data directory streaming
 * through a physical slot, {@code sync_replication_slots = on}), a job stopped on the primary
 * resumes exactly on the promoted standby, with writes before the stop, between the stop and the
 * primary's crash, and after the promotion.
 */
@Timeout(400)
class FailoverSlotsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";

    @TempDir Path savepoints;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {17, 18})
    void promotedStandbyResumesExactly(int major) throws Exception {
        try (DedicatedServer primary = DedicatedServer.start(major, Map.of())) {
            DedicatedServer standby = Standby.of(primary, "standby1");
            try {
                TestDatabase db = table(primary, "failover_" + major);
                assertThat(validate(db).flat())
                        .contains(
                                "[WARN] Failover slot: the slot is created with FAILOVER at the"
                                        + " first start; synchronized_standby_slots = '': the job"
                                        + " may receive and checkpoint changes no standby has yet")
                        .contains("synchronized_standby_slots = 'standby1'; SELECT");
                db.execute(
                        "ALTER SYSTEM SET synchronized_standby_slots = 'standby1'",
                        "SELECT pg_reload_conf()");
                awaitValue(db, "SHOW synchronized_standby_slots", "standby1");
                assertThat(validate(db).flat())
                        .contains(
                                "[OK]   Failover slot: the slot is created with FAILOVER at the"
                                        + " first start; synchronized_standby_slots = 'standby1'"
                                        + " (every named standby slot is in use)");

                ChangelogJob first = new ChangelogJob(1, 200).start("SELECT * FROM t", ddl(db));
                first.awaitCommitted(
                        r -> Long.valueOf(199).equals(r.getField(0)), Duration.ofSeconds(60));
                assertThat(slotValue(db, "failover")).isEqualTo("t");
                String savepoint;
                TestDatabase onStandby = standby.database(db.name());
                try (RandomWriter writers = RandomWriter.onIds(db, "t", 400).start(2, major)) {
                    writers.awaitMoreCommits(150, Duration.ofSeconds(60));
                    // The standby's copy turns persistent once the primary's slot moved past the
                    // position the standby reserved: the running job's confirmations do that.
                    awaitSynced(db, onStandby);
                    savepoint =
                            first.client()
                                    .stopWithSavepoint(
                                            false,
                                            savepoints.toUri().toString(),
                                            SavepointFormatType.CANONICAL)
                                    .get();
                    // Written while the job is stopped: the standby has them, the job not yet.
                    writers.awaitMoreCommits(150, Duration.ofSeconds(60));
                }
                awaitSynced(db, onStandby);
                assertThat(validate(onStandby).flat())
                        .contains(
                                "[OK]   Failover slot: this server is a standby; it has a synced"
                                        + " copy of the slot, confirmed ")
                        .contains("a promotion keeps the job's position");
                onStandby.execute(
                        "ALTER SYSTEM SET sync_replication_slots = off", "SELECT pg_reload_conf()");
                awaitValue(onStandby, "SHOW sync_replication_slots", "off");
                assertThat(validate(onStandby).flat())
                        .contains(
                                "[FAIL] Failover slot: this server is a standby; it has a synced"
                                        + " copy of the slot, confirmed ")
                        .contains(
                                "Set on the standby (ALTER SYSTEM SET …; SELECT pg_reload_conf();):"
                                        + " sync_replication_slots = on (the standby keeps no copy"
                                        + " of the slot).");
                onStandby.execute(
                        "ALTER SYSTEM SET sync_replication_slots = on", "SELECT pg_reload_conf()");
                awaitValue(onStandby, "SHOW sync_replication_slots", "on");
                awaitSynced(db, onStandby);

                primary.stopImmediate(); // the primary is gone
                onStandby.execute("SELECT pg_promote()");
                try (RandomWriter writers =
                        RandomWriter.onIds(onStandby, "t", 400).start(2, major + 100)) {
                    writers.awaitMoreCommits(150, Duration.ofSeconds(60));
                }
                Configuration restore = new Configuration();
                restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
                ChangelogJob second =
                        new ChangelogJob(1, 200, restore, first.collectorId())
                                .start("SELECT * FROM t", ddl(onStandby));
                onStandby.execute("INSERT INTO t VALUES (100000, 0, 'sentinel')");
                second.awaitCommitted(
                        r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
                second.cancel();
                // Exact across the promotion: every change once, materializing to the table.
                second.assertMaterializesTo(onStandby.queryRows("SELECT id, v, s FROM t"), 1);
            } finally {
                standby.close();
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {17, 18})
    void anExistingSlotIsSwitchedToFailover(int major) throws Exception {
        try (DedicatedServer server = DedicatedServer.start(major, Map.of())) {
            TestDatabase db = table(server, "failover_switch");
            db.createSlot(db.name());
            assertThat(slotValue(db, "failover")).isEqualTo("f");
            assertThat(validate(db).flat())
                    .contains(
                            "[WARN] Failover slot: the slot has no FAILOVER yet;"
                                    + " synchronized_standby_slots = ''");
            ChangelogJob job = new ChangelogJob(1, 200).start("SELECT * FROM t", ddl(db));
            job.awaitCommitted(
                    r -> Long.valueOf(199).equals(r.getField(0)), Duration.ofSeconds(60));
            job.cancel();
            assertThat(slotValue(db, "failover")).isEqualTo("t");
            // A standby slot named in synchronized_standby_slots must exist, else the stream
            // stalls.
            db.execute(
                    "ALTER SYSTEM SET synchronized_standby_slots = 'no_such_standby'",
                    "SELECT pg_reload_conf()");
            awaitValue(db, "SHOW synchronized_standby_slots", "no_such_standby");
            assertThat(validate(db).flat())
                    .contains(
                            "[FAIL] Failover slot: the slot has FAILOVER;"
                                    + " synchronized_standby_slots = 'no_such_standby':"
                                    + " 'no_such_standby' is not a physical slot of this server, so"
                                    + " logical walsenders wait for it");
        }
    }

    @Test
    void postgres13IsRefused() throws Exception {
        try (DedicatedServer server = DedicatedServer.start(13, Map.of())) {
            TestDatabase db = table(server, "failover_13");
            assertThat(validate(db).flat())
                    .contains(
                            "[FAIL] Failover slot: 'slot.failover' = 'true' needs PostgreSQL 17"
                                    + " or later; this server runs 130");
            try (java.sql.Connection c = db.connect()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () ->
                                        io.neoncdc.postgres.catalog.Slots.ensure(
                                                c, "s13", db.name(), true))
                        .hasMessageContaining("'slot.failover' = 'true' needs PostgreSQL 17");
            }
            assertThat(db.queryRows("SELECT slot_name FROM pg_replication_slots")).isEmpty();
        }
    }

    /** Waits until the standby replayed everything and holds a persistent synced slot copy. */
    private static void awaitSynced(TestDatabase primary, TestDatabase standby) throws Exception {
        String target = primary.queryValue("SELECT pg_current_wal_lsn()");
        String sql =
                "SELECT (pg_last_wal_replay_lsn() >= '"
                        + target
                        + "'::pg_lsn AND coalesce((SELECT synced AND NOT temporary FROM"
                        + " pg_replication_slots WHERE slot_name = '"
                        + primary.name()
                        + "'), false))::text";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"true".equals(standby.queryValue(sql))) {
            // A running-transactions record lets the decoder move the slot's restart_lsn now
            // instead of at the next one the server logs by itself (every 15 s).
            primary.execute("SELECT pg_log_standby_snapshot()");
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "The standby did not sync slot "
                                + primary.name()
                                + ": "
                                + standby.queryRows(
                                        "SELECT slot_name, synced, temporary, confirmed_flush_lsn"
                                                + " FROM pg_replication_slots"));
            }
            Thread.sleep(200);
        }
    }

    private static void awaitValue(TestDatabase db, String sql, String value) throws Exception {
        for (int i = 0; i < 100 && !value.equals(db.queryValue(sql)); i++) {
            Thread.sleep(50);
        }
        assertThat(db.queryValue(sql)).isEqualTo(value);
    }

    private static String slotValue(TestDatabase db, String column) {
        return db.queryValue(
                "SELECT "
                        + column
                        + " FROM pg_replication_slots WHERE slot_name = '"
                        + db.name()
                        + "'");
    }

    private static CliRun validate(TestDatabase db) {
        Map<String, String> options = new LinkedHashMap<>(db.connectionOptions());
        options.put("table-name", "t");
        options.put("slot.name", db.name());
        options.put("slot.failover", "true");
        return CliRun.withOptions("validate", options);
    }

    private static String ddl(TestDatabase db) {
        return DDL + db.withClause("t", "slot.failover", "true");
    }

    private static TestDatabase table(DedicatedServer server, String name) {
        TestDatabase db = server.server().createDatabase(name);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, g % 10, 'r' || g FROM generate_series(0, 199) g");
        return db;
    }
}
