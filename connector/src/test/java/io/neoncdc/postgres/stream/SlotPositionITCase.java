package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.pgoutput.Lsn;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The slot's confirmed position moves only when a checkpoint completes, to the position that
 * checkpoint recorded, and keeps moving while the captured table is idle and others are busy.
 */
class SlotPositionITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    @Timeout(120)
    void confirmsOnlyCompletedCheckpoints() throws Exception {
        TestDatabase db = table("slot_confirm");
        db.createSlot(db.name());
        long initial = confirmed(db);
        db.execute("CREATE TABLE busy (id serial PRIMARY KEY, payload text)");

        // Without checkpoints nothing is ever confirmed: not the rows read, not idle WAL.
        ChangelogJob unchecked = start(db, 0);
        try {
            awaitActive(db);
            db.execute("INSERT INTO t SELECT g, 1, 'a' FROM generate_series(1, 100) g");
            db.execute("INSERT INTO busy (payload) SELECT 'x' FROM generate_series(1, 5000)");
            Thread.sleep(3000); // rows emitted, idle advances (every second) processed
            assertThat(confirmed(db))
                    .as("nothing confirmed without a checkpoint")
                    .isEqualTo(initial);
        } finally {
            unchecked.cancel();
        }

        // With checkpoints the slot follows the completed ones.
        long beforeLast = Lsn.parse(db.queryValue("SELECT pg_current_wal_insert_lsn()"));
        db.execute("INSERT INTO t VALUES (1000, 1, 'last')");
        ChangelogJob checked = start(db, 300);
        try {
            checked.awaitCommitted(r -> "last".equals(r.getField(2)), Duration.ofSeconds(30));
            awaitConfirmedAbove(db, beforeLast);
        } finally {
            checked.cancel();
        }
    }

    @Test
    @Timeout(120)
    void advancesWhileCapturedTableIdleAndOthersBusy() throws Exception {
        TestDatabase db = table("slot_idle");
        db.execute("CREATE TABLE busy (id serial PRIMARY KEY, payload text)");
        TestDatabase other = PostgresTestServer.get().createDatabase("slot_idle_other");
        other.execute("CREATE TABLE busy (id serial PRIMARY KEY, payload text)");
        db.createSlot(db.name());
        ChangelogJob job = start(db, 500);
        try {
            advanceWhileIdle(db, other);
        } finally {
            job.cancel();
        }
    }

    private static void advanceWhileIdle(TestDatabase db, TestDatabase other) throws Exception {
        awaitActive(db);
        long start = confirmed(db);
        for (int i = 0; i < 20; i++) {
            db.execute(
                    "INSERT INTO busy (payload) SELECT repeat('x', 200) FROM generate_series(1,"
                            + " 500)");
            other.execute(
                    "INSERT INTO busy (payload) SELECT repeat('y', 200) FROM generate_series(1,"
                            + " 500)");
        }
        long written = Lsn.parse(db.queryValue("SELECT pg_current_wal_lsn()"));
        assertThat(written - start).as("WAL written by other tables").isGreaterThan(1 << 20);
        // Idle advance (about once a second) then a checkpoint (every 500 ms) confirm it.
        awaitConfirmedAbove(db, written - 1);
    }

    @Test
    @Timeout(120)
    void heartbeatTableKeepsTheSlotMovingOnAnIdleServer() throws Exception {
        TestDatabase db = table("slot_heartbeat");
        db.createSlot(db.name());
        ChangelogJob job =
                new ChangelogJob(1, 500)
                        .start(
                                "SELECT * FROM t",
                                "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                        + db.withClause(
                                                "t",
                                                "scan.startup.mode",
                                                "committed-offset",
                                                "heartbeat.interval",
                                                "1 s",
                                                "heartbeat.table",
                                                "public.neon_cdc_heartbeat"));
        try {
            awaitActive(db);
            // The only writer is the heartbeat: its WAL moves the slot via the idle advance.
            String first = null;
            for (int i = 0; i < 100 && first == null; i++) {
                try {
                    first = db.queryValue("SELECT ts FROM neon_cdc_heartbeat");
                } catch (IllegalStateException notYet) {
                    Thread.sleep(100);
                }
            }
            long lsn = Lsn.parse(db.queryValue("SELECT pg_current_wal_insert_lsn()"));
            awaitConfirmedAbove(db, lsn);
            assertThat(db.queryValue("SELECT ts FROM neon_cdc_heartbeat")).isNotEqualTo(first);
        } finally {
            job.cancel();
        }
    }

    private static ChangelogJob start(TestDatabase db, long checkpointMillis) throws Exception {
        return new ChangelogJob(1, checkpointMillis)
                .start(
                        "SELECT * FROM t",
                        "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                + db.withClause("t", "scan.startup.mode", "committed-offset"));
    }

    private static TestDatabase table(String name) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        return db;
    }

    private static long confirmed(TestDatabase db) {
        return Lsn.parse(
                db.queryValue(
                        "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '"
                                + db.name()
                                + "'"));
    }

    private static void awaitActive(TestDatabase db) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if ("t"
                    .equals(
                            db.queryValue(
                                    "SELECT active FROM pg_replication_slots WHERE slot_name = '"
                                            + db.name()
                                            + "'"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The slot never became active");
    }

    private static void awaitConfirmedAbove(TestDatabase db, long lsn) throws InterruptedException {
        long last = 0;
        for (int i = 0; i < 200; i++) {
            last = confirmed(db);
            if (last > lsn) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "confirmed_flush_lsn " + Lsn.format(last) + " never passed " + Lsn.format(lsn));
    }
}
