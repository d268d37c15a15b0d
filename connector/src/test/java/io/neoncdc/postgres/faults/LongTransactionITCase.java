package io.neoncdc.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transaction open across the whole snapshot (its changes invisible to every chunk) and one that
 * commits in the middle of it (visible to some chunks, not to others) arrive exactly once.
 */
class LongTransactionITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(180)
    void transactionsSpanningTheSnapshot() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("fault_long_txn");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, 0, 'row' || g FROM generate_series(0, 9999) g");
        // The publication and the slot exist before the long transactions start (creating the
        // slot would wait for them).
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        db.createSlot(db.name());
        try (Connection across = db.connect();
                Connection middle = db.connect()) {
            across.setAutoCommit(false);
            middle.setAutoCommit(false);
            try (Statement st = across.createStatement()) {
                st.execute("UPDATE t SET v = 1, s = 'across' WHERE id % 10 = 0");
                st.execute("INSERT INTO t VALUES (20000, 1, 'across')");
            }
            try (Statement st = middle.createStatement()) {
                st.execute("UPDATE t SET v = 2, s = 'middle' WHERE id % 10 = 5");
                st.execute("DELETE FROM t WHERE id % 10 = 7");
            }
            ChangelogJob job = new ChangelogJob(2, 300);
            String id = job.collectorId();
            job.through(new Throttle(id, 100_000))
                    .start(
                            "SELECT * FROM t",
                            "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                    + db.withClause("t", "scan.snapshot.chunk.size", "250"));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (Throttle.seen(id) < 4000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            middle.commit(); // some chunks were read before, some will be read after
            // Rows deleted by 'middle' are missing from chunks read after its commit.
            while (Throttle.seen(id) < 8500 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            across.commit(); // after every chunk was read
            db.execute("INSERT INTO t VALUES (99999, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            job.cancel();
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
            assertThat(db.queryValue("SELECT count(*) FROM t WHERE s = 'across'"))
                    .isEqualTo("1001");
        }
    }
}
