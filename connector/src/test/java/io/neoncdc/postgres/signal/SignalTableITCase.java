package io.neoncdc.postgres.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.FailOnce;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signals inserted into {@code signal.table} on the primary reach a read-only source through the
 * WAL: {@code execute-snapshot} reads a table again while the stream goes on (exact under
 * concurrent writes and an injected failure), {@code stop-snapshot} cancels it, a condition limits
 * it, and bad signals are skipped without stopping the stream.
 */
class SignalTableITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final String SIGNALS = "neon_cdc_signal";

    @Test
    @Timeout(300)
    void executeSnapshotIsExactUnderConcurrentWritesAndAFailure() throws Exception {
        int rows = 4000;
        TestDatabase db = database("signal_exact", rows);
        try (RandomWriter writer = RandomWriter.onIds(db, "t", rows + rows / 2).start(2, 11)) {
            ChangelogJob job = new ChangelogJob(2, 300);
            String failure = job.collectorId() + "-fail";
            // Fails once mid re-snapshot: the restore re-reads the chunk being held back and
            // resumes a chunk being emitted where it stopped.
            job.through(new FailOnce(failure, rows / 2, 25)).start("SELECT * FROM t", ddl(db));
            job.awaitCommittedOrRunning(Duration.ofSeconds(60));
            writer.awaitMoreCommits(50, Duration.ofSeconds(60));
            signal(db, "resync-1", "execute-snapshot", "{\"data-collections\": [\"public.t\"]}");
            writer.awaitMoreCommits(400, Duration.ofSeconds(120));
            writer.close();
            db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
            awaitTable(job, db, "SELECT id, v, s FROM t", Duration.ofSeconds(180));
            assertThat(FailOnce.failed(failure)).as("the failure was injected").isTrue();
            job.cancel();
        }
    }

    @Test
    @Timeout(300)
    void stopSnapshotCancelsAConditionLimitsAndBadSignalsAreSkipped() throws Exception {
        int rows = 20_000;
        TestDatabase db = database("signal_stop", rows);
        ChangelogJob job = new ChangelogJob(1, 300);
        job.start("SELECT * FROM t", ddl(db, "scan.snapshot.chunk.size", "100"));
        job.awaitCommittedOrRunning(Duration.ofSeconds(60));
        signal(db, "bad-1", "execute-snapshot", "{not json");
        signal(db, "bad-2", "execute-snapshot", "{\"data-collections\": [\"public.other\"]}");
        signal(db, "all", "execute-snapshot", "{\"data-collections\": [\"public.t\"]}");
        signal(db, "stop", "stop-snapshot", "{\"data-collections\": [\"public.t\"]}");
        signal(
                db,
                "tail",
                "execute-snapshot",
                "{\"data-collections\": [\"public.t\"], \"additional-conditions\":"
                        + " [{\"data-collection\": \"public.t\", \"filter\": \"id >= 19950\"}]}");
        db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(60));
        List<String> tail = db.queryRows("SELECT id, v, s FROM t WHERE id >= 19950");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!materialized(job).containsAll(tail) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> out = materialized(job);
        assertThat(out).as("the condition's rows").containsAll(tail);
        assertThat(out).contains("999999, -1, sentinel");
        assertThat(db.queryRows("SELECT id, v, s FROM t UNION ALL SELECT 999999, -1, 'sentinel'"))
                .as("every row emitted is the table's row")
                .containsAll(out);
        assertThat(out.size())
                .as("stop-snapshot cancelled the first re-snapshot early")
                .isLessThan(rows / 2);
        job.cancel();
    }

    /** The committed changelog (checked to be exact) applied, as "id, v, s" lines. */
    private static List<String> materialized(ChangelogJob job) {
        List<String> lines = new java.util.ArrayList<>();
        for (Row r :
                io.neoncdc.postgres.testutil.Changelog.apply(
                                job.committed(), row -> ChangelogJob.key(row, 1))
                        .values()) {
            lines.add(r.getField(0) + ", " + r.getField(1) + ", " + r.getField(2));
        }
        return lines;
    }

    private static TestDatabase database(String name, int rows) {
        TestDatabase db = PostgresTestServer.get().createDatabase(name);
        db.createIdTable("t", rows);
        // Read-only: the publication (with the signal table in it) is made on the primary.
        db.execute(
                "CREATE TABLE "
                        + SIGNALS
                        + " (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL,"
                        + " data varchar(2048))",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t, " + SIGNALS);
        return db;
    }

    private static String ddl(TestDatabase db, String... extra) {
        List<String> options =
                new java.util.ArrayList<>(
                        List.of(
                                "scan.startup.mode", "latest-offset",
                                "changelog-mode", "upsert",
                                "read-only", "true",
                                "signal.table", "public." + SIGNALS,
                                "scan.snapshot.chunk.size", "500"));
        options.addAll(List.of(extra));
        return "CREATE TABLE t (id BIGINT, v INT, s STRING, PRIMARY KEY (id) NOT ENFORCED) "
                + db.withClause("t", options.toArray(new String[0]));
    }

    private static void signal(TestDatabase db, String id, String type, String data) {
        db.execute(
                "INSERT INTO "
                        + SIGNALS
                        + " VALUES ('"
                        + id
                        + "', '"
                        + type
                        + "', '"
                        + data.replace("'", "''")
                        + "')");
    }

    /** Waits until the committed changelog is exact and materializes to the query's rows. */
    private static Map<String, Row> awaitTable(
            ChangelogJob job, TestDatabase db, String query, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return job.assertMaterializesTo(db.queryRows(query), 1);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
