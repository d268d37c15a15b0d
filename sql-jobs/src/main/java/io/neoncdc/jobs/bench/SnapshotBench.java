package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.StartupMode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Snapshot throughput: per round, the COPY-binary baseline, then our {@code snapshot}-mode job at
 * parallelism 1 and 2 (rows/s from job submission to the last row); and the chunk-size sweep.
 */
final class SnapshotBench {
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** The snapshot jobs' own slots (dropped when they finish; leftovers after a failure). */
    static final String SLOT_PREFIX = "bench_snapshot_";

    private final BenchServer server;
    private final BenchCluster cluster;
    private final BenchOptions options;
    private final PrintStream out;
    private int jobs;

    SnapshotBench(BenchServer server, BenchCluster cluster, BenchOptions options, PrintStream out) {
        this.server = server;
        this.cluster = cluster;
        this.options = options;
        this.out = out;
    }

    /** COPY vs parallelism 1 vs parallelism 2 on one table, interleaved run by run. */
    List<Figure> compare(String table, long rows, String label) throws Exception {
        Figure p1 = new Figure(label + " snapshot, p1", "rows/s", "COPY binary").atLeast(0.6);
        Figure p2 = new Figure(label + " snapshot, p2", "rows/s", "COPY binary");
        Figure scale = new Figure(label + " snapshot, p2 vs p1", "rows/s", "our p1").atLeast(1.5);
        for (int run = 1; run <= options.runs; run++) {
            double copy = rows / CopyBaseline.drain(server, table);
            Run one = ours(table, rows, 1, NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS);
            Run two = ours(table, rows, 2, NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS);
            p1.baseline.add(copy);
            p2.baseline.add(copy);
            p1.ours.add(one.rate);
            p2.ours.add(two.rate);
            scale.baseline.add(one.rate);
            scale.ours.add(two.rate);
            p1.memory = one.memory;
            p2.memory = two.memory;
            out.printf(
                    Locale.ROOT,
                    "  %s run %d: COPY %,.0f rows/s | p1 %s | p2 %s%n",
                    label,
                    run,
                    copy,
                    one,
                    two);
        }
        return List.of(p1, p2, scale);
    }

    /** Parallelism 1 at each chunk size, each round next to a COPY baseline. */
    List<Figure> chunkSweep(String table, long rows) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (int size : options.chunkSizes) {
            figures.add(new Figure("chunk size " + size + ", p1", "rows/s", "COPY binary"));
        }
        for (int run = 1; run <= options.runs; run++) {
            double copy = rows / CopyBaseline.drain(server, table);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < figures.size(); i++) {
                Run r = ours(table, rows, 1, options.chunkSizes.get(i));
                figures.get(i).ours.add(r.rate);
                figures.get(i).baseline.add(copy);
                figures.get(i).memory = r.memory;
                line.append(
                        String.format(
                                Locale.ROOT, " | %d: %,.0f", options.chunkSizes.get(i), r.rate));
            }
            out.printf(Locale.ROOT, "  chunk sweep run %d: COPY %,.0f%s rows/s%n", run, copy, line);
        }
        return figures;
    }

    /** One snapshot-mode job into a discarding sink. */
    Run ours(String table, long rows, int parallelism, int chunkRows) throws Exception {
        Progress.reset(rows);
        StreamExecutionEnvironment env = BenchCluster.env(parallelism, CHECKPOINT_INTERVAL);
        NeonPostgresSource<Long> source =
                NeonPostgresSource.<Long>builder()
                        .options(server.connectorOptions())
                        .tableName(table)
                        .publicationName(DataSets.PUBLICATION)
                        .slotName(SLOT_PREFIX + ProcessHandle.current().pid() + "_" + (++jobs))
                        .startupMode(StartupMode.SNAPSHOT)
                        .option("scan.snapshot.chunk.size", String.valueOf(chunkRows))
                        .checkpointMode(CheckpointMode.ALIGNED)
                        .deserializer(new Progress.Counting())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc")
                .sinkTo(new DiscardingSink<>());
        try (HeapWatch heap = HeapWatch.start()) {
            long start = System.nanoTime();
            JobID job = cluster.submit(env, "bench snapshot " + table + " p" + parallelism);
            long last = Progress.awaitLast(cluster, job, Duration.ofMinutes(30));
            cluster.await(job, Duration.ofMinutes(5));
            return new Run(
                    rows / ((last - start) / 1e9),
                    (Progress.firstNanos() - start) / 1e9,
                    (last - start) / 1e9,
                    heap.describe());
        }
    }

    /** One job's rate, with when its first row came, for the log. */
    static final class Run {
        final double rate;
        final double firstRowSeconds;
        final double seconds;
        final String memory;

        Run(double rate, double firstRowSeconds, double seconds, String memory) {
            this.rate = rate;
            this.firstRowSeconds = firstRowSeconds;
            this.seconds = seconds;
            this.memory = memory;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%,.0f rows/s (%.1f s, first row at %.1f s)",
                    rate,
                    seconds,
                    firstRowSeconds);
        }
    }
}
