package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.StartupMode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Commit-to-emit latency under a steady write rate. Per round, first the baseline (a bare pgjdbc
 * replication reader) and then our stream job (parallelism 1, checkpoints every 10 s) each read
 * their own slot while the writer runs; after a warm-up, the changes written in the measured window
 * are timed.
 */
final class LatencyBench {
    static final String BASELINE = "pgjdbc reader, commit → arrival";

    private final BenchServer server;
    private final BenchCluster cluster;
    private final BenchOptions options;
    private final PrintStream out;
    private long nextId = 1;

    LatencyBench(BenchServer server, BenchCluster cluster, BenchOptions options, PrintStream out) {
        this.server = server;
        this.cluster = cluster;
        this.options = options;
        this.out = out;
    }

    List<Figure> run() throws Exception {
        String at = String.format(Locale.ROOT, " at %,d changes/s", options.latencyRate);
        Figure p50 = new Figure("latency p50, write → sink" + at, "ms", BASELINE);
        Figure p99 = new Figure("latency p99, write → sink" + at, "ms", BASELINE).atMost(50);
        Figure max = new Figure("latency max, write → sink" + at, "ms", BASELINE);
        Figure commitP99 = new Figure("latency p99, commit (op_ts) → sink" + at, "ms", BASELINE);
        Figure rate = new Figure("latency run: achieved write rate", "changes/s", "baseline run");
        for (int r = 1; r <= options.runs; r++) {
            String baseSlot = "bench_latency_base_" + r;
            String slot = "bench_latency_ours_" + r;
            Slots.create(server, baseSlot);
            try {
                double baseRate;
                long[] base;
                try (LatencyBaseline reader = LatencyBaseline.start(server, baseSlot)) {
                    Slots.awaitActive(server, baseSlot, Duration.ofSeconds(60));
                    baseRate = write(reader::window);
                    Thread.sleep(2000); // the last commits arrive
                    base = reader.sorted();
                }
                // Created now, not with the baseline's slot: the job must not first drain what
                // the baseline run wrote, or that backlog lands in the measured window.
                Slots.create(server, slot);
                Window w = ours(slot);
                long[] sinceWrite = LatencyProbe.sinceWrite();
                long[] sinceCommit = LatencyProbe.sinceCommit();
                add(p50, sinceWrite, 0.50, base);
                add(p99, sinceWrite, 0.99, base);
                add(max, sinceWrite, 1.0, base);
                add(commitP99, sinceCommit, 0.99, base);
                rate.ours.add(w.rate);
                rate.baseline.add(baseRate);
                p99.memory = w.memory;
                out.printf(
                        Locale.ROOT,
                        "  latency run %d: %,.0f changes/s, %,d timed: p50 %.1f, p99 %.1f, max %.1f"
                                + " ms (from op_ts p99 %.1f ms) | baseline %,.0f changes/s: p50"
                                + " %.1f, p99 %.1f, max %.1f ms%n",
                        r,
                        w.rate,
                        sinceWrite.length,
                        percentile(sinceWrite, 0.5),
                        percentile(sinceWrite, 0.99),
                        percentile(sinceWrite, 1.0),
                        percentile(sinceCommit, 0.99),
                        baseRate,
                        percentile(base, 0.5),
                        percentile(base, 0.99),
                        percentile(base, 1.0));
            } finally {
                Slots.drop(server, baseSlot, slot);
            }
        }
        return List.of(p50, p99, max, commitP99, rate);
    }

    private static void add(Figure f, long[] ours, double p, long[] base) {
        f.ours.add(percentile(ours, p));
        f.baseline.add(percentile(base, p));
    }

    private Window ours(String slot) throws Exception {
        Progress.reset(Long.MAX_VALUE);
        StreamExecutionEnvironment env = BenchCluster.env(1, Duration.ofSeconds(10));
        NeonPostgresSource<Tuple2<Long, Long>> source =
                NeonPostgresSource.<Tuple2<Long, Long>>builder()
                        .options(server.connectorOptions())
                        .tableName(DataSets.LATENCY)
                        .publicationName(DataSets.PUBLICATION)
                        .slotName(slot)
                        .startupMode(StartupMode.COMMITTED_OFFSET)
                        .deserializer(new LatencyProbe.Times())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "neon-postgres-cdc")
                .sinkTo(new LatencyProbe.LatencySink());
        try (HeapWatch heap = HeapWatch.start()) {
            JobID job = cluster.submit(env, "bench latency " + slot);
            try {
                Slots.awaitActive(server, slot, Duration.ofSeconds(120));
                double rate = write(LatencyProbe::window);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (Progress.events() < nextId - 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                return new Window(rate, heap.describe());
            } finally {
                cluster.cancel(job);
            }
        }
    }

    /**
     * Runs the writer: warm-up, then the measured window (told to the reader); returns its rate.
     */
    private double write(WindowListener listener) throws Exception {
        try (RateWriter writer = RateWriter.start(server, options.latencyRate, nextId)) {
            Thread.sleep(options.latencyWarmupSeconds * 1000L);
            long from = writer.written();
            long t0 = System.nanoTime();
            listener.window(LatencyProbe.nowMicros(), Long.MAX_VALUE);
            Thread.sleep(options.latencySeconds * 1000L);
            long fromMicrosEnd = LatencyProbe.nowMicros();
            double rate = (writer.written() - from) / ((System.nanoTime() - t0) / 1e9);
            writer.close();
            nextId = writer.nextId();
            listener.window(-1, fromMicrosEnd); // keep the start, close the end
            return rate;
        }
    }

    /** The p-th percentile of sorted microseconds, in milliseconds (p = 1: the maximum). */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1000.0;
    }

    /** Receives the measured window, in Unix microseconds; -1 keeps the earlier start. */
    interface WindowListener {
        void window(long fromMicros, long toMicros);
    }

    /** What one run wrote and kept in memory. */
    private static final class Window {
        final double rate;
        final String memory;

        Window(double rate, String memory) {
            this.rate = rate;
            this.memory = memory;
        }
    }
}
