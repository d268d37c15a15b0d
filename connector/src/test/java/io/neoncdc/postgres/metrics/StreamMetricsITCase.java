package io.neoncdc.postgres.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.deserializer.ChangeEventDeserializers;
import io.neoncdc.postgres.deserializer.ChangeEventValue;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream reader's metrics as a metric reporter sees them: replication lag, confirmed and
 * received positions, retained WAL, slot state, and Flink's currentEmitEventTimeLag.
 */
class StreamMetricsITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("stream_metrics");
        db.execute(
                "CREATE TABLE ticks (id int PRIMARY KEY, v text)",
                "ALTER TABLE ticks REPLICA IDENTITY FULL",
                "INSERT INTO ticks VALUES (0, 'snapshot')");
    }

    @Test
    @Timeout(240)
    void slotAndLagGaugesAreSaneAndTheConfirmedLsnAdvances() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300);
        NeonPostgresSource<ChangeEventValue> source =
                NeonPostgresSource.<ChangeEventValue>builder()
                        .options(db.connectionOptions())
                        .tableName("ticks")
                        .slotName(db.name())
                        .option("slot.health.interval", "500 ms")
                        // Low enough to be crossed, so the warning path runs for real.
                        .option("slot.health.retained-wal-warning", "1b")
                        .deserializer(ChangeEventDeserializers.values())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "pg")
                .sinkTo(new DiscardingSink<>());
        LogCapture warnings = LogCapture.warnings(SlotMonitor.class);
        JobClient job = env.executeAsync("stream-metrics");
        JobID id = job.getJobID();
        try {
            int next = 1;
            // Stream events make the emit lag defined; the slot reading makes the lag known.
            while (gauge(id, ".currentEmitEventTimeLag").filter(v -> v >= 0).isEmpty()
                    || gauge(id, ".stream.replicationLagBytes").filter(v -> v >= 0).isEmpty()
                    || gauge(id, ".stream.confirmedLsn").filter(v -> v > 0).isEmpty()) {
                db.execute("INSERT INTO ticks VALUES (" + next++ + ", 'x')");
                Thread.sleep(200);
            }
            assertThat(gauge(id, ".stream.lastReceivedLsn"))
                    .hasValueSatisfying(v -> assertThat(v).isPositive());
            assertThat(gauge(id, ".stream.retainedWalBytes"))
                    .hasValueSatisfying(v -> assertThat(v).isNotNegative());
            assertThat(gauge(id, ".stream.restartLsnAgeSeconds"))
                    .hasValueSatisfying(v -> assertThat(v).isNotNegative());
            assertThat(gauge(id, ".stream.safeWalSizeBytes"))
                    .as("-1: max_slot_wal_keep_size is unlimited on the test server")
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(-1));
            if (db.server().serverVersionNum() >= 130000) {
                assertThat(value(id, ".stream.walStatus")).isEqualTo("reserved");
            }
            long confirmed = gauge(id, ".stream.confirmedLsn").get();
            long writeLsn = Long.parseLong(db.queryValue("SELECT pg_current_wal_lsn() - '0/0'"));
            db.execute("INSERT INTO ticks VALUES (" + next + ", 'after')");
            // A later checkpoint confirms a position past the write (the commit's end).
            await(id, ".stream.confirmedLsn", v -> v > Math.max(confirmed, writeLsn));
            assertThat(warnings.messages())
                    .as("one warning while the problem lasts, not one per reading")
                    .filteredOn(m -> m.contains("'slot.health.retained-wal-warning'"))
                    .hasSize(1)
                    .allSatisfy(m -> assertThat(m).contains("Replication slot '" + db.name()));
        } finally {
            job.cancel().get();
            warnings.close();
        }
    }

    private static void await(JobID id, String suffix, Predicate<Long> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (gauge(id, suffix).filter(condition).isPresent()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(suffix + " never satisfied the condition: " + gauge(id, suffix));
    }

    private static Optional<Long> gauge(JobID id, String suffix) {
        Object v = value(id, suffix);
        return v instanceof Number ? Optional.of(((Number) v).longValue()) : Optional.empty();
    }

    private static Object value(JobID id, String suffix) {
        for (Map.Entry<String, Metric> e : REPORTER.getMetricsByIdentifiers(id).entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Gauge) {
                return ((Gauge<?>) e.getValue()).getValue();
            }
        }
        return null;
    }
}
