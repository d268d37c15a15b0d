package io.neoncdc.jobs.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commit-to-emit latency of the SQL path under a steady write rate. Per round, first the baseline
 * (a bare pgjdbc replication reader in this JVM) and then the SQL job (in its worker, parallelism
 * 1, checkpoints every 10 s) each read their own slot while a writer runs; after a warm-up, the
 * changes written in the measured window are timed.
 */
final class LatencyBench {
    static final String BASELINE = "pgjdbc reader, commit → arrival";

    private final BenchServer server;
    private final Workers workers;
    private final BenchOptions options;
    private final PrintStream out;
    private long nextId = 1;

    LatencyBench(BenchServer server, Workers workers, BenchOptions options, PrintStream out) {
        this.server = server;
        this.workers = workers;
        this.options = options;
        this.out = out;
    }

    List<Figure> run() throws Exception {
        String at = String.format(Locale.ROOT, " at %,d changes/s, SQL", options.latencyRate);
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
                LatencyRun.Window baseWindow;
                long[] base;
                try (LatencyBaseline reader = LatencyBaseline.start(server, baseSlot)) {
                    Slots.awaitActive(server, baseSlot, Duration.ofSeconds(60));
                    baseWindow =
                            LatencyRun.writeWindow(
                                    server,
                                    options.latencyRate,
                                    options.latencyWarmupSeconds,
                                    options.latencySeconds,
                                    nextId,
                                    reader::window);
                    nextId = baseWindow.nextId;
                    Thread.sleep(1000); // the last commits arrive
                    base = reader.sorted();
                }
                // Created now, not with the baseline's slot: the job must not first drain what
                // the baseline run wrote, or that backlog lands in the measured window.
                Slots.create(server, slot);
                Map<String, String> a =
                        workers.get(BenchPath.SQL)
                                .call(
                                        "latency",
                                        DataSets.LATENCY,
                                        slot,
                                        String.valueOf(options.latencyRate),
                                        String.valueOf(options.latencyWarmupSeconds),
                                        String.valueOf(options.latencySeconds),
                                        String.valueOf(nextId));
                nextId = Long.parseLong(a.get("nextId"));
                add(p50, a, "p50", base, 0.5);
                add(p99, a, "p99", base, 0.99);
                add(max, a, "max", base, 1.0);
                add(commitP99, a, "commitP99", base, 0.99);
                rate.ours.add(Double.parseDouble(a.get("rate")));
                rate.baseline.add(baseWindow.rate);
                p99.memory = a.getOrDefault("heap", "");
                out.printf(
                        Locale.ROOT,
                        "  latency run %d: SQL %s changes/s, %s timed: p50 %s, p99 %s, max %s ms"
                                + " (from op_ts p99 %s ms) | baseline %,.0f changes/s: p50"
                                + " %.1f, p99 %.1f, max %.1f ms%n",
                        r,
                        a.get("rate"),
                        a.get("timed"),
                        a.get("p50"),
                        a.get("p99"),
                        a.get("max"),
                        a.get("commitP99"),
                        baseWindow.rate,
                        percentile(base, 0.5),
                        percentile(base, 0.99),
                        percentile(base, 1.0));
            } finally {
                Slots.drop(server, baseSlot, slot);
            }
        }
        return List.of(p50, p99, max, commitP99, rate);
    }

    private static void add(Figure f, Map<String, String> a, String key, long[] base, double p) {
        f.ours.add(Double.parseDouble(a.get(key)));
        f.baseline.add(percentile(base, p));
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
}
