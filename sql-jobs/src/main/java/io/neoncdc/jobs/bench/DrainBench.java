package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.StartupMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Streaming throughput on a backlog: per workload, one slot per drain is created, then the workload
 * is written, then each run drains its own slot over the same WAL range — the baseline, our source
 * with its default (binary values on PostgreSQL 14+), and our source with text values.
 */
final class DrainBench {
    /** The switch of the connector's StreamFetcher (system property, read at session start). */
    static final String BINARY_PROPERTY = "neoncdc.pgoutput.binary";

    private final BenchServer server;
    private final BenchCluster cluster;
    private final BenchOptions options;
    private final PrintStream out;
    private final Path recvLogical;

    DrainBench(
            BenchServer server,
            BenchCluster cluster,
            BenchOptions options,
            PrintStream out,
            Path recvLogical) {
        this.server = server;
        this.cluster = cluster;
        this.options = options;
        this.out = out;
        this.recvLogical = recvLogical;
    }

    String baselineName() {
        return recvLogical != null ? "pg_recvlogical" : "pgjdbc reader (no pg_recvlogical)";
    }

    List<Figure> run(Workloads workload, long first) throws Exception {
        long n = options.changes;
        String label = String.format(Locale.ROOT, "drain %,d %s", n, workload.label);
        Figure ours = new Figure(label, "changes/s", baselineName()).atLeast(0.8);
        Figure text = new Figure(label + ", text values", "changes/s", baselineName());
        String prefix = "bench_drain_" + workload.name().toLowerCase(Locale.ROOT) + "_";
        List<String> slots = new ArrayList<>();
        for (int r = 1; r <= options.runs; r++) {
            slots.add(prefix + "base_" + r);
            slots.add(prefix + "ours_" + r);
            slots.add(prefix + "text_" + r);
        }
        Slots.create(server, slots.toArray(new String[0]));
        double writeSeconds = workload.write(server, first, n);
        String end = Slots.currentLsn(server);
        out.printf(Locale.ROOT, "  %s: written in %.1f s, end LSN %s%n", label, writeSeconds, end);
        try {
            for (int r = 1; r <= options.runs; r++) {
                DrainResult base =
                        recvLogical != null
                                ? RecvLogical.drain(server, recvLogical, prefix + "base_" + r, end)
                                : JdbcDrain.drain(server, prefix + "base_" + r, end);
                DrainResult mine = ours(prefix + "ours_" + r, n, true);
                DrainResult mineText = ours(prefix + "text_" + r, n, false);
                ours.baseline.add(n / base.seconds);
                text.baseline.add(n / base.seconds);
                ours.ours.add(n / mine.seconds);
                text.ours.add(n / mineText.seconds);
                ours.memory = mine.memory + "; baseline " + base.memory;
                text.memory = mineText.memory;
                out.printf(
                        Locale.ROOT,
                        "  %s run %d: %s %,.0f/s | ours %,.0f/s | ours text %,.0f/s%n",
                        label,
                        r,
                        baselineName(),
                        n / base.seconds,
                        n / mine.seconds,
                        n / mineText.seconds);
            }
        } finally {
            Slots.drop(server, slots.toArray(new String[0]));
        }
        return List.of(ours, text);
    }

    /** Our source in committed-offset mode on a prepared slot, until n changes arrived. */
    DrainResult ours(String slot, long n, boolean binary) throws Exception {
        Progress.reset(n);
        StreamExecutionEnvironment env = BenchCluster.env(1, Duration.ofSeconds(10));
        NeonPostgresSource<Long> source =
                NeonPostgresSource.<Long>builder()
                        .options(server.connectorOptions())
                        .tableName(DataSets.DRAIN)
                        .publicationName(DataSets.PUBLICATION)
                        .slotName(slot)
                        .startupMode(StartupMode.COMMITTED_OFFSET)
                        .deserializer(new Progress.Counting())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc")
                .sinkTo(new DiscardingSink<>());
        if (!binary) {
            System.setProperty(BINARY_PROPERTY, "false");
        }
        try (HeapWatch heap = HeapWatch.start()) {
            JobID job = cluster.submit(env, "bench drain " + slot);
            try {
                long start = Slots.awaitActive(server, slot, Duration.ofSeconds(120));
                long last = Progress.awaitLast(cluster, job, Duration.ofMinutes(30));
                return new DrainResult((last - start) / 1e9, heap.describe());
            } finally {
                cluster.cancel(job);
            }
        } finally {
            System.clearProperty(BINARY_PROPERTY);
        }
    }
}
