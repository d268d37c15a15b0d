package io.neoncdc.postgres.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.metrics.LogCapture;
import io.neoncdc.postgres.testutil.ChangelogJob;
import io.neoncdc.postgres.testutil.DedicatedServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scale-to-zero idle mode against a server of its own: in each idle period no backend of the
 * connector is left in {@code pg_stat_activity} (so a Neon compute could suspend), changes written
 * meanwhile arrive after the reconnect, and the whole retract stream is exact; each disconnect and
 * reconnect has its log line and its count in the metrics. PostgreSQL 17 reconnects at the first
 * checkpoint after the interval; PostgreSQL 18 is asked for a 30 s interval with {@code
 * idle_replication_slot_timeout = 6s} and must stay disconnected for at most half the timeout (the
 * server checkpoints every second, so a longer absence would invalidate the slot).
 */
@Timeout(300)
class IdleDisconnectITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String DDL = "CREATE TABLE t (id BIGINT, v INT, s STRING) ";
    private static final String CONNECTOR_BACKENDS =
            "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name LIKE 'neon-postgres-cdc%'";
    private static final int CYCLES = 3;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {17, 18})
    void idlePeriodsCloseEveryConnectionAndLoseNothing(int major) throws Exception {
        Map<String, String> settings =
                major >= 18 ? Map.of("idle_replication_slot_timeout", "6") : Map.of();
        try (DedicatedServer server = DedicatedServer.start(major, settings);
                LogCapture log =
                        LogCapture.of(
                                Class.forName("io.neoncdc.postgres.reader.stream.IdleDisconnect"),
                                Level.INFO)) {
            TestDatabase db = server.server().createDatabase("idle_" + major);
            db.execute(
                    "CREATE TABLE t (id bigint PRIMARY KEY, v int, s text)",
                    "ALTER TABLE t REPLICA IDENTITY FULL",
                    "INSERT INTO t SELECT g, 0, 'snapshot' FROM generate_series(1, 100) g");
            // Who holds the slot while connected (so a count of 0 by application_name means
            // something), and on 18 a server checkpoint every second: the checkpointer is what
            // invalidates a slot inactive for longer than idle_replication_slot_timeout.
            Set<String> slotHolders = ConcurrentHashMap.newKeySet();
            AtomicReference<Throwable> samplerFailure = new AtomicReference<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            Connection sampling = db.connect();
            long[] lastCheckpoint = {System.nanoTime()};
            sampler.scheduleWithFixedDelay(
                    () ->
                            sample(
                                    sampling,
                                    db.name(),
                                    major,
                                    lastCheckpoint,
                                    slotHolders,
                                    samplerFailure),
                    0,
                    25,
                    TimeUnit.MILLISECONDS);
            ChangelogJob job =
                    new ChangelogJob(2, 500)
                            .start(
                                    "SELECT * FROM t",
                                    DDL
                                            + db.withClause(
                                                    "t",
                                                    "scan.snapshot.chunk.size",
                                                    "10",
                                                    "neon.idle-disconnect",
                                                    "true",
                                                    "neon.idle-disconnect.after",
                                                    "2 s",
                                                    "neon.idle-disconnect.reconnect-interval",
                                                    // 18: capped to half the 6 s timeout
                                                    major >= 18 ? "30 s" : "3 s",
                                                    "neon.idle-disconnect.reconnect-at",
                                                    major >= 18 ? "interval" : "checkpoint"));
            JobID id = job.client().getJobID();
            int written = 0;
            try {
                job.awaitCommitted(
                        r -> Long.valueOf(100).equals(r.getField(0)), Duration.ofSeconds(60));
                int proven = 0;
                for (int cycle = 1; proven < CYCLES && cycle <= 8; cycle++) {
                    awaitDisconnected(db, id);
                    String marker = "cycle " + cycle;
                    db.executeInTransaction(
                            "INSERT INTO t VALUES (" + (1000 + cycle) + ", " + cycle + ", 'new')",
                            "UPDATE t SET v = "
                                    + cycle
                                    + ", s = '"
                                    + marker
                                    + "' WHERE id = "
                                    + cycle,
                            "DELETE FROM t WHERE id = " + (50 + cycle));
                    written++;
                    // Written while nobody was connected (else the cycle proves nothing).
                    boolean stillDisconnected = "0".equals(db.queryValue(CONNECTOR_BACKENDS));
                    job.awaitCommitted(r -> marker.equals(r.getField(2)), Duration.ofSeconds(60));
                    if (stillDisconnected) {
                        proven++;
                    }
                }
                assertThat(proven)
                        .as("idle periods with writes while disconnected")
                        .isEqualTo(CYCLES);
                // One log line per disconnect and per reconnect, as many as the metrics count
                // (read while disconnected, when neither moves).
                awaitDisconnected(db, id);
                assertLogMatchesMetrics(log, id);
                assertThat(gauge(id, ".stream.idleReconnects").orElse(0L))
                        .isGreaterThanOrEqualTo(CYCLES);
                assertThat(
                                db.queryValue(
                                        "SELECT wal_status FROM pg_replication_slots"
                                                + " WHERE slot_name = '"
                                                + db.name()
                                                + "'"))
                        .as("the slot survived every idle period")
                        .isEqualTo("reserved");
            } finally {
                job.cancel();
                sampler.shutdownNow();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
                sampling.close();
            }
            assertThat(samplerFailure.get()).as("sampling pg_stat_activity").isNull();
            // The reader streams from the slot; the enumerator holds it for the moment it
            // creates it (caught by a sample or not, as the timing goes).
            assertThat(slotHolders)
                    .as("application_name of the backend holding the slot while connected")
                    .allMatch(
                            n ->
                                    n.startsWith("neon-postgres-cdc reader ")
                                            || n.equals("neon-postgres-cdc enumerator"))
                    .anyMatch(n -> n.startsWith("neon-postgres-cdc reader "));
            // Exact: the snapshot, then each cycle's insert, update (-U/+U) and delete, once.
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                expected.add("+I[" + i + ", 0, snapshot]");
            }
            for (int c = 1; c <= written; c++) {
                expected.add("+I[" + (1000 + c) + ", " + c + ", new]");
                expected.add("-U[" + c + ", 0, snapshot]");
                expected.add("+U[" + c + ", " + c + ", cycle " + c + "]");
                expected.add("-D[" + (50 + c) + ", 0, snapshot]");
            }
            assertThat(job.committed().stream().map(Object::toString).collect(Collectors.toList()))
                    .containsExactlyInAnyOrderElementsOf(expected);
            job.assertMaterializesTo(db.queryRows("SELECT id, v, s FROM t"), 1);
            if (major >= 18) {
                assertThat(log.messages())
                        .filteredOn(m -> m.contains("idle_replication_slot_timeout (6 s)"))
                        .as("warned once that 30 s + allowance exceeds the timeout")
                        .hasSize(1)
                        .allMatch(m -> m.contains("reconnecting after PT3S instead"));
            }
        }
    }

    /** The disconnect and reconnect log lines match the metrics' counts exactly. */
    private static void assertLogMatchesMetrics(LogCapture log, JobID id) {
        long disconnects = gauge(id, ".stream.idleDisconnects").orElse(0L);
        long reconnects = gauge(id, ".stream.idleReconnects").orElse(0L);
        assertThat(
                        log.messages().stream()
                                .filter(
                                        m ->
                                                m.contains(
                                                        "closing the replication and catalog"
                                                                + " connections"))
                                .count())
                .as("disconnect log lines")
                .isEqualTo(disconnects)
                .isGreaterThanOrEqualTo(CYCLES + 1);
        assertThat(log.messages().stream().filter(m -> m.startsWith("Reconnecting after ")).count())
                .as("reconnect log lines")
                .isEqualTo(reconnects)
                .isEqualTo(disconnects - 1);
    }

    /** One sample: the slot holder's application_name; on 18 also a checkpoint each second. */
    private static void sample(
            Connection c,
            String slot,
            int major,
            long[] lastCheckpoint,
            Set<String> holders,
            AtomicReference<Throwable> failure) {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT a.application_name FROM pg_replication_slots s"
                                + " JOIN pg_stat_activity a ON a.pid = s.active_pid"
                                + " WHERE s.slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(rs.getString(1));
                }
            }
            if (major >= 18 && System.nanoTime() - lastCheckpoint[0] >= 1_000_000_000L) {
                lastCheckpoint[0] = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT");
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Waits for the stream reader's disconnect (its gauge) with no connector backend left. */
    private static void awaitDisconnected(TestDatabase db, JobID id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (gauge(id, ".stream.idleDisconnected").orElse(0L) != 1
                || !"0".equals(db.queryValue(CONNECTOR_BACKENDS))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "The connector stayed connected: "
                                + db.queryRows(
                                        "SELECT application_name, backend_type, state FROM"
                                                + " pg_stat_activity WHERE application_name LIKE"
                                                + " 'neon-postgres-cdc%'"));
            }
            Thread.sleep(50);
        }
        assertThat(
                        db.queryValue(
                                "SELECT active FROM pg_replication_slots WHERE slot_name = '"
                                        + db.name()
                                        + "'"))
                .isEqualTo("f");
    }

    /** The largest value of the gauge over the subtasks (only the stream's reader moves it). */
    private static Optional<Long> gauge(JobID id, String suffix) {
        Optional<Long> max = Optional.empty();
        for (Map.Entry<String, Metric> e : REPORTER.getMetricsByIdentifiers(id).entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Gauge) {
                Object v = ((Gauge<?>) e.getValue()).getValue();
                if (v instanceof Number) {
                    long n = ((Number) v).longValue();
                    max = Optional.of(max.map(m -> Math.max(m, n)).orElse(n));
                }
            }
        }
        return max;
    }
}
