package io.neoncdc.postgres.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.RandomWriter;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The soak variant of the failover matrix, run with {@code -Dneoncdc.soak=true}: at least a million
 * changes (bulk range updates, inserts and deletes plus random multi-statement writers with key
 * changes) while task failures are injected at random points; the retract stream is exact and
 * materializes to the source table. Sizes: {@code -Dneoncdc.soak.changes}, {@code
 * -Dneoncdc.soak.failures}.
 */
@EnabledIfSystemProperty(named = "neoncdc.soak", matches = "true")
class SoakITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int ROWS = 50_000;

    @Test
    @Timeout(7200) // a soak runs as long as its changes take (the default is 15 minutes)
    void millionChangesWithInjectedFailures() throws Exception {
        long changes = Long.getLong("neoncdc.soak.changes", 1_000_000L);
        int failures = Integer.getInteger("neoncdc.soak.failures", 10);
        TestDatabase db = PostgresTestServer.get().createDatabase("soak");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "INSERT INTO t SELECT g, 0, 'row' || g FROM generate_series(0, "
                        + (ROWS - 1)
                        + ") g",
                "ANALYZE t");
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, failures + 5);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        ChangelogJob job = new ChangelogJob(2, 1000, config, null);
        String id = job.collectorId();
        // Every change is at least one row of the retract stream (an update two).
        long[] at = new long[failures];
        Random random = new Random(42);
        for (int i = 0; i < failures; i++) {
            at[i] = ROWS / 2 + (long) (random.nextDouble() * changes);
        }
        Arrays.sort(at);
        job.through(new RandomFaults(id, at));
        long start = System.nanoTime();
        AtomicLong written = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread bulk = new Thread(() -> bulkWrites(db, changes, written, stop), "soak-bulk");
        try (RandomWriter writer = RandomWriter.onIds(db, "t", ROWS + 1000).start(2, 99)) {
            job.start(
                    "SELECT * FROM t",
                    "CREATE TABLE t (id BIGINT, v INT, s STRING) "
                            + db.withClause("t", "scan.snapshot.chunk.size", "2000"));
            bulk.start();
            bulk.join();
            // The random writers keep the rows coming until every failure was injected.
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (RandomFaults.failures(id) < failures && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            writer.close();
            db.execute("INSERT INTO t VALUES (-1, -1, 'sentinel')");
            job.awaitCommitted(r -> "sentinel".equals(r.getField(2)), Duration.ofMinutes(20));
            job.cancel();
            long total = written.get() + writer.commits();
            System.out.printf(
                    "SOAK RESULT: %,d bulk changes + %,d random transactions, %,d injected"
                            + " failures, %,d rows committed, %d s; exact%n",
                    written.get(),
                    writer.commits(),
                    RandomFaults.failures(id),
                    job.committed().size(),
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            assertThat(total).isGreaterThanOrEqualTo(changes);
            assertThat(RandomFaults.failures(id)).as("failures injected").isEqualTo(failures);
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
        } finally {
            stop.set(true);
        }
    }

    /** Range updates, inserts and deletes in single-statement transactions. */
    private static void bulkWrites(
            TestDatabase db, long target, AtomicLong written, AtomicBoolean stop) {
        Random r = new Random(7);
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            while (written.get() < target && !stop.get()) {
                int from = r.nextInt(ROWS - 500);
                written.addAndGet(
                        st.executeUpdate(
                                "UPDATE t SET v = v + 1, s = 'bulk' WHERE id >= "
                                        + from
                                        + " AND id < "
                                        + (from + 400)));
                long base = 1_000_000L + r.nextInt(100_000);
                written.addAndGet(
                        st.executeUpdate(
                                "INSERT INTO t SELECT g, 1, 'ins' FROM generate_series("
                                        + base
                                        + ", "
                                        + (base + 99)
                                        + ") g ON CONFLICT DO NOTHING"));
                long gone = 1_000_000L + r.nextInt(100_000);
                written.addAndGet(
                        st.executeUpdate(
                                "DELETE FROM t WHERE id >= " + gone + " AND id < " + (gone + 100)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails the task when the rows seen (over all attempts) pass the next threshold. */
    static final class RandomFaults implements MapFunction<Row, Row>, CheckpointListener {
        private static final Map<String, AtomicLong> ROWS_SEEN = new ConcurrentHashMap<>();
        private static final Map<String, AtomicLong> FAILED = new ConcurrentHashMap<>();

        private final String id;
        private final long[] at;
        private transient boolean sawCheckpoint;

        RandomFaults(String id, long[] at) {
            this.id = id + "-soak";
            this.at = at;
            ROWS_SEEN.put(this.id, new AtomicLong());
            FAILED.put(this.id, new AtomicLong());
        }

        static long failures(String id) {
            return FAILED.get(id + "-soak").get();
        }

        @Override
        public Row map(Row row) {
            long seen = ROWS_SEEN.get(id).incrementAndGet();
            int next = (int) FAILED.get(id).get();
            // After a checkpoint of this attempt: every restore makes progress.
            if (next < at.length && seen >= at[next] && sawCheckpoint) {
                FAILED.get(id).incrementAndGet();
                throw new IllegalStateException("Injected soak failure #" + (next + 1));
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            sawCheckpoint = true;
        }
    }
}
