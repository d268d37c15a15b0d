package io.neoncdc.postgres.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.snapshot.InvisibleCommits;
import io.neoncdc.postgres.testutil.Changelog;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Streamed ⇒ visible" is false while a commit waits for a synchronous standby (review §3; on Neon
 * commits wait for the safekeepers the same way): with {@code synchronous_standby_names =
 * 'phantom'}, a session committing with {@code synchronous_commit = on} hangs after its commit is
 * in the WAL, so the stream delivers it while snapshots do not see it yet. A chunk read meanwhile
 * must not lose it: reads wait until what the stream delivered is visible.
 */
class SynchronousCommitITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DDL =
            "CREATE TABLE t (id BIGINT, v INT, s STRING,"
                    + " tbl STRING METADATA FROM 'table_name' VIRTUAL) ";
    private static final int ROWS = 40_000;

    private static PostgresTestServer server;

    @TempDir Path savepoints;

    @BeforeAll
    static void start() {
        // Every session but the one that sets synchronous_commit = on commits without waiting.
        server =
                PostgresTestServer.startEmbedded(
                        Map.of(
                                "synchronous_standby_names",
                                "phantom",
                                "synchronous_commit",
                                "local"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.embedded().close();
    }

    @Test
    @Timeout(300)
    void joiningTableChunkSeesStreamedCommitStillWaitingForStandby() throws Exception {
        TestDatabase db = server.createDatabase("sync_join");
        db.execute(
                "CREATE TABLE a (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE a REPLICA IDENTITY FULL",
                "INSERT INTO a SELECT g, 0, 'a' || g FROM generate_series(0, 99) g",
                "CREATE TABLE b (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE b REPLICA IDENTITY FULL",
                "INSERT INTO b SELECT g, 0, 'b' || g FROM generate_series(0, " + (ROWS - 1) + ") g",
                "ANALYZE b");
        ChangelogJob first =
                new ChangelogJob(1, 300)
                        .start("SELECT * FROM t", DDL + db.withClause("a", chunk()));
        first.awaitCommitted(r -> Long.valueOf(99).equals(r.getField(0)), Duration.ofSeconds(90));
        String savepoint =
                first.client()
                        .stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        // Table b joins on restore; a throttle downstream keeps its chunks coming for seconds.
        String throttle = "sync-join-" + UUID.randomUUID();
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        ChangelogJob second =
                new ChangelogJob(1, 300, restore, first.collectorId())
                        .through(new Throttle(throttle, 150_000));
        int before = first.committed().size();
        try (LogCapture waits =
                LogCapture.of(
                        Class.forName("io.neoncdc.postgres.reader.stream.DeliveredTransactions"),
                        Level.WARN)) {
            second.start("SELECT * FROM t", DDL + db.withClause("a|b", chunk()));
            await(() -> Throttle.seen(throttle) > 1000, "b's first chunks");

            // A change to b's last chunk whose commit is in the WAL but waits for the standby.
            long last = ROWS - 1;
            Connection hung = db.connect();
            long pid;
            try (Statement st = hung.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            CompletableFuture<Void> commit =
                    CompletableFuture.runAsync(
                            () -> {
                                try (Statement st = hung.createStatement()) {
                                    st.execute("SET synchronous_commit = on");
                                    st.execute("UPDATE b SET s = 'hung' WHERE id = " + last);
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            await(
                    () ->
                            "SyncRep"
                                    .equals(
                                            db.queryValue(
                                                    "SELECT wait_event FROM pg_stat_activity"
                                                            + " WHERE pid = "
                                                            + pid)),
                    "the commit waiting for the standby");
            // Until the last chunk was read (unfixed) or the reader says it waits for the commit.
            await(
                    () ->
                            Throttle.seen(throttle) >= ROWS
                                    || waits.messages().stream()
                                            .anyMatch(m -> m.contains("visible")),
                    "the last chunk read, or waiting");
            assertThat(commit).isNotDone();
            db.queryValue("SELECT pg_cancel_backend(" + pid + ")");
            commit.get();
            hung.close();
            assertThat(db.queryValue("SELECT s FROM b WHERE id = " + last)).isEqualTo("hung");

            db.execute("INSERT INTO a VALUES (1000, -1, 'sentinel')");
            second.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(120));
            second.awaitCommitted(
                    r -> "b".equals(r.getField(3)) && Long.valueOf(last).equals(r.getField(0)),
                    Duration.ofSeconds(120));
            second.cancel();
        }
        List<Row> all = second.committed();
        List<String> b = materialize(rowsOf("b", all.subList(before, all.size())));
        assertThat(b)
                .as("the change committed while the chunk was read")
                .contains(ROWS - 1 + ", 0, hung");
        assertThat(b).isEqualTo(sorted(db.queryRows("SELECT id, v, s FROM b")));
    }

    @Test
    @Timeout(300)
    void resnapshotWindowSeesStreamedCommitStillWaitingForStandby() throws Exception {
        TestDatabase db = server.createDatabase("sync_window");
        db.createIdTable("t", 2000);
        db.execute(
                "CREATE TABLE neon_cdc_signal (id varchar(42) PRIMARY KEY,"
                        + " type varchar(32) NOT NULL, data varchar(2048))",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t, neon_cdc_signal");
        ChangelogJob job =
                new ChangelogJob(1, 300)
                        .start(
                                "SELECT * FROM t",
                                "CREATE TABLE t (id BIGINT, v INT, s STRING,"
                                        + " PRIMARY KEY (id) NOT ENFORCED) "
                                        + db.withClause(
                                                "t",
                                                "scan.startup.mode",
                                                "latest-offset",
                                                "changelog-mode",
                                                "upsert",
                                                "read-only",
                                                "true",
                                                "signal.table",
                                                "public.neon_cdc_signal",
                                                "scan.snapshot.chunk.size",
                                                "500"));
        job.awaitCommittedOrRunning(Duration.ofSeconds(60));
        db.execute("INSERT INTO t VALUES (999998, -1, 'streaming')");
        job.awaitCommitted(r -> "streaming".equals(r.getField(2)), Duration.ofSeconds(90));
        try (LogCapture waits =
                        LogCapture.of(
                                Class.forName(
                                        "io.neoncdc.postgres.reader.stream.DeliveredTransactions"),
                                Level.WARN);
                LogCapture resync =
                        LogCapture.of(
                                Class.forName("io.neoncdc.postgres.reader.stream.Resync"),
                                Level.INFO);
                HungCommit hung = new HungCommit(db, "UPDATE t SET s = 'hung' WHERE id = 5")) {
            // The stream emits the update while it waits; then the window of key 5 is read.
            job.awaitCommitted(r -> "hung".equals(r.getField(2)), Duration.ofSeconds(90));
            db.execute(
                    "INSERT INTO neon_cdc_signal VALUES ('resync-1', 'execute-snapshot',"
                            + " '{\"data-collections\": [\"public.t\"]}')");
            await(
                    () ->
                            resync.messages().stream().anyMatch(m -> m.contains("finished"))
                                    || waits.messages().stream()
                                            .anyMatch(m -> m.contains("visible")),
                    "the re-snapshot finished, or waiting");
            hung.cancel();
        }
        db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> expected = sorted(db.queryRows("SELECT id, v, s FROM t"));
        List<String> actual = materialize(job.committed());
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            actual = materialize(job.committed());
        }
        job.cancel();
        assertThat(actual).as("key 5 after the window").contains("5, 5, hung");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    @Timeout(300)
    void firstChunkSeesCommitBeforeSlotStartStillWaitingForStandby() throws Exception {
        TestDatabase db = server.createDatabase("sync_start");
        db.createIdTable("t", 2000);
        db.execute("CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        db.createSlot(db.name());
        ChangelogJob job;
        try (LogCapture waits = LogCapture.of(InvisibleCommits.class, Level.WARN);
                HungCommit hung = new HungCommit(db, "UPDATE t SET s = 'hung' WHERE id = 5")) {
            // The slot's position passes the commit, which is in the WAL: the stream never has
            // it, so the chunks must (another consumer of the slot, or a late start, does this).
            db.queryValue(
                    "SELECT pg_replication_slot_advance('"
                            + db.name()
                            + "', pg_current_wal_insert_lsn())::text");
            job =
                    new ChangelogJob(1, 300)
                            .start(
                                    "SELECT * FROM t",
                                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                            + db.withClause("t", chunk()));
            await(
                    () ->
                            job.committed().stream()
                                            .anyMatch(r -> Long.valueOf(1999).equals(r.getField(0)))
                                    || waits.messages().stream()
                                            .anyMatch(m -> m.contains("first chunk")),
                    "the chunks read, or waiting");
            hung.cancel();
        }
        db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(90));
        job.cancel();
        List<String> actual = materialize(job.committed());
        assertThat(actual).as("key 5").contains("5, 5, hung");
        assertThat(actual).isEqualTo(sorted(db.queryRows("SELECT id, v, s FROM t")));
    }

    /** A statement whose commit hangs waiting for the phantom standby until cancelled. */
    private static final class HungCommit implements AutoCloseable {
        private final TestDatabase db;
        private final Connection connection;
        private final long pid;
        private final CompletableFuture<Void> commit;

        HungCommit(TestDatabase db, String statement) throws Exception {
            this.db = db;
            connection = db.connect();
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            commit =
                    CompletableFuture.runAsync(
                            () -> {
                                try (Statement st = connection.createStatement()) {
                                    st.execute("SET synchronous_commit = on");
                                    st.execute(statement);
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            await(
                    () ->
                            "SyncRep"
                                    .equals(
                                            db.queryValue(
                                                    "SELECT wait_event FROM pg_stat_activity"
                                                            + " WHERE pid = "
                                                            + pid)),
                    "the commit waiting for the standby");
        }

        /** Ends the wait: the commit, already in the WAL, becomes visible. */
        void cancel() throws Exception {
            assertThat(commit).as("the commit still waits").isNotDone();
            db.queryValue("SELECT pg_cancel_backend(" + pid + ")");
            commit.get();
        }

        @Override
        public void close() throws Exception {
            if (!commit.isDone()) {
                db.queryValue("SELECT pg_cancel_backend(" + pid + ")");
            }
            connection.close();
        }
    }

    private static String[] chunk() {
        return new String[] {"scan.snapshot.chunk.size", "500"};
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The rows of one table, without the table column. */
    private static List<Row> rowsOf(String table, List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (table.equals(r.getField(3))) {
                Row projected = Row.withPositions(r.getKind(), 3);
                projected.setField(0, r.getField(0));
                projected.setField(1, r.getField(1));
                projected.setField(2, r.getField(2));
                out.add(projected);
            }
        }
        return out;
    }

    private static List<String> materialize(List<Row> rows) {
        Map<String, Row> table = Changelog.apply(rows, r -> String.valueOf(r.getField(0)));
        List<String> out = new ArrayList<>();
        table.values()
                .forEach(r -> out.add(r.getField(0) + ", " + r.getField(1) + ", " + r.getField(2)));
        return sorted(out);
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        Collections.sort(copy);
        return copy;
    }
}
