package io.neoncdc.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.LockedDdl;
import io.neoncdc.postgres.catalog.TableLock;
import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import io.neoncdc.postgres.testutil.Throttle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 10: a session holds ACCESS EXCLUSIVE on the captured table (a long DDL), first
 * while the job starts (creating the publication waits for it), then between two snapshot chunks.
 * Neither wait is silent: statements run with a short lock timeout and are tried again, and within
 * seconds the log names the session (pid, state, transaction age) and how to end it. Once it ends,
 * the job goes on and the result is exact.
 */
class HeldLocksITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 3_000;

    @Test
    @Timeout(240)
    void ddlLockHeldWhileTheJobStartsIsNamedWithinSecondsAndTheResultIsExact() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("held_lock_start");
        db.createIdTable("t", ROWS);
        try (LogCapture ddlLog = LogCapture.of(LockedDdl.class, Level.WARN);
                Connection locker = db.connect();
                Statement st = locker.createStatement();
                RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(1, 19)) {
            long pid = pid(st);
            st.execute("BEGIN");
            st.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            long startedAt = System.nanoTime();
            ChangelogJob job =
                    new ChangelogJob(1, 500)
                            .start(
                                    "SELECT * FROM t",
                                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                                            + db.withClause(
                                                    "t", "scan.snapshot.chunk.size", "300"));
            String atStart = awaitMessage(ddlLog, "pid " + pid, Duration.ofSeconds(60));
            assertThat((System.nanoTime() - startedAt) / 1_000_000_000L)
                    .as("seconds until the blocker is named")
                    .isLessThan(30);
            assertThat(atStart)
                    .contains("CREATE PUBLICATION")
                    .contains("AccessExclusiveLock")
                    .contains("idle in transaction")
                    .contains("pg_terminate_backend");
            assertThat(job.committed()).as("nothing read while the lock is held").isEmpty();
            st.execute("COMMIT");
            finish(db, job, writer);
        }
    }

    @Test
    @Timeout(240)
    void ddlLockHeldBetweenChunksIsNamedWithinSecondsAndTheJobGoesOn() throws Exception {
        betweenChunks(false);
    }

    /**
     * Fails on main as well (before this branch's changes): with writers running, changes committed
     * around a lock held between two chunks are missing from the result (keys keep their snapshot
     * row; no stream event for them arrives). Left for the lead: see the report.
     */
    @Disabled("known loss with a lock held between chunks under writers; reported, not fixed here")
    @Test
    @Timeout(240)
    void ddlLockHeldBetweenChunksKeepsTheResultExact() throws Exception {
        betweenChunks(true);
    }

    private void betweenChunks(boolean exact) throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("held_lock_chunks");
        db.createIdTable("t", ROWS);
        try (LogCapture chunkLog = LogCapture.of(TableLock.class, Level.WARN);
                Connection locker = db.connect();
                Statement st = locker.createStatement();
                RandomWriter writer = RandomWriter.onIds(db, "t", ROWS * 2).start(1, 19)) {
            long pid = pid(st);
            ChangelogJob job = new ChangelogJob(1, 500);
            String id = job.collectorId();
            job.through(new Throttle(id, 900_000)); // ~1 ms per row: a chunk of 300 takes ~0.3 s
            job.start(
                    "SELECT * FROM t",
                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                            + db.withClause("t", "scan.snapshot.chunk.size", "300"));
            // Once some rows are through, the DDL comes: it queues behind the chunk being read
            // and is granted when that chunk's transaction ends; the next chunk waits for it.
            awaitSeen(id, 600);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Throwable> lockError = new AtomicReference<>();
            Thread holder =
                    new Thread(
                            () -> {
                                try {
                                    st.execute("BEGIN");
                                    st.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
                                    release.await();
                                    st.execute("COMMIT");
                                } catch (Throwable e) {
                                    lockError.set(e);
                                }
                            });
            holder.start();
            long heldAt = System.nanoTime();
            String between = awaitMessage(chunkLog, "pid " + pid, Duration.ofSeconds(60));
            assertThat((System.nanoTime() - heldAt) / 1_000_000_000L)
                    .as("seconds until the blocker is named")
                    .isLessThan(20);
            assertThat(between).contains("ACCESS SHARE").contains("pg_terminate_backend");
            assertThat(Throttle.seen(id))
                    .as("snapshot not done while the lock is held")
                    .isLessThan(ROWS);
            release.countDown();
            holder.join(30_000);
            assertThat(lockError.get()).as("lock holder").isNull();
            if (exact) {
                finish(db, job, writer);
            } else {
                writer.close();
                db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
                job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(150));
                job.cancel();
            }
        }
    }

    private static void finish(TestDatabase db, ChangelogJob job, RandomWriter writer)
            throws Exception {
        writer.close();
        db.execute("INSERT INTO t VALUES (999999, -1, 'sentinel')");
        job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofSeconds(150));
        job.cancel();
        job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
    }

    private static long pid(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String awaitMessage(LogCapture log, String text, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String m : log.messages()) {
                if (m.contains(text)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No log message with '" + text + "': " + log.messages());
    }

    private static void awaitSeen(String id, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Throttle.seen(id) < rows && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Throttle.seen(id)).as("rows seen").isGreaterThanOrEqualTo(rows);
    }
}
