package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With checkpoints running, the WAL the slot retains stays bounded while the captured table is idle
 * and another table writes far more than that.
 */
class WalRetentionITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    @Timeout(180)
    void retainedWalStaysBoundedWhileCapturedTablesAreIdle() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("wal_retention");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE TABLE busy (id serial PRIMARY KEY, payload text)");
        // A slot older than the publication the job creates: the (empty) snapshot lets the
        // connector replace it instead of failing.
        db.createSlot(db.name());
        db.execute("INSERT INTO busy (payload) VALUES ('before the publication')");
        ChangelogJob job =
                new ChangelogJob(1, 300)
                        .start(
                                "SELECT * FROM t",
                                "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                        + db.withClause("t", "scan.startup.mode", "initial"));
        try {
            String start = db.queryValue("SELECT pg_current_wal_lsn()");
            long retained = 0;
            for (int round = 0; round < 12; round++) {
                db.execute(
                        "INSERT INTO busy (payload) SELECT repeat(md5(g::text), 16) FROM"
                                + " generate_series(1, 20000) g",
                        // A checkpoint logs the running transactions the slot's restart_lsn can
                        // move to.
                        "CHECKPOINT");
                Thread.sleep(1500);
                retained = retainedBytes(db);
            }
            long written =
                    Long.parseLong(
                            db.queryValue(
                                    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '"
                                            + start
                                            + "')::bigint"));
            assertThat(written).as("WAL written by the busy table").isGreaterThan(64L << 20);
            assertThat(retained)
                    .as(
                            "WAL the idle slot retains; slot %s; sessions %s",
                            db.queryRows(
                                    "SELECT confirmed_flush_lsn, restart_lsn, catalog_xmin, active"
                                            + " FROM pg_replication_slots WHERE slot_name = '"
                                            + db.name()
                                            + "'"),
                            db.queryRows(
                                    "SELECT datname, state, backend_xid, backend_xmin, left(query,"
                                        + " 60) FROM pg_stat_activity WHERE backend_xid IS NOT NULL"
                                        + " OR backend_xmin IS NOT NULL"))
                    .isLessThan(16L << 20);
        } finally {
            job.cancel();
        }
    }

    private static long retainedBytes(TestDatabase db) {
        return Long.parseLong(
                db.queryValue(
                        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint FROM"
                                + " pg_replication_slots WHERE slot_name = '"
                                + db.name()
                                + "'"));
    }
}
