package io.neoncdc.jobs.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streaming throughput on a backlog: per workload, one slot per drain is created, then the workload
 * is written, then each run drains its own slot over the same WAL range — the baseline, then every
 * path in its worker. Before the first workload, each worker drains a warm-up slot unmeasured.
 */
final class DrainBench {
    private final BenchServer server;
    private final Workers workers;
    private final BenchOptions options;
    private final PrintStream out;
    private final Path recvLogical;
    private boolean warmedUp;

    DrainBench(
            BenchServer server,
            Workers workers,
            BenchOptions options,
            PrintStream out,
            Path recvLogical) {
        this.server = server;
        this.workers = workers;
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
        Map<BenchPath, Figure> figures = new LinkedHashMap<>();
        for (BenchPath path : options.select(BenchPath.DRAIN)) {
            Figure f = new Figure(label + ", " + path.label, "changes/s", baselineName());
            figures.put(path, path == BenchPath.SQL ? f.atLeast(0.9) : f);
        }
        String prefix = "bench_drain_" + workload.name().toLowerCase(Locale.ROOT) + "_";
        List<String> slots = new ArrayList<>();
        boolean warmUp = !warmedUp && options.warmups > 0;
        for (BenchPath path : options.select(BenchPath.DRAIN)) {
            if (warmUp) {
                slots.add(slot(prefix, path, 0));
            }
        }
        for (int r = 1; r <= options.runs; r++) {
            slots.add(prefix + "base_" + r);
            for (BenchPath path : options.select(BenchPath.DRAIN)) {
                slots.add(slot(prefix, path, r));
            }
        }
        Slots.create(server, slots.toArray(new String[0]));
        double writeSeconds = workload.write(server, first, n);
        String end = Slots.currentLsn(server);
        out.printf(Locale.ROOT, "  %s: written in %.1f s, end LSN %s%n", label, writeSeconds, end);
        try {
            if (warmUp) {
                StringBuilder line = new StringBuilder();
                for (BenchPath path : options.select(BenchPath.DRAIN)) {
                    double s = drain(path, slot(prefix, path, 0), n);
                    line.append(String.format(Locale.ROOT, " | %s %,.0f/s", path.label, n / s));
                }
                warmedUp = true;
                out.printf(Locale.ROOT, "  %s warm-up:%s%n", label, line);
            }
            for (int r = 1; r <= options.runs; r++) {
                DrainResult base =
                        recvLogical != null
                                ? RecvLogical.drain(server, recvLogical, prefix + "base_" + r, end)
                                : JdbcDrain.drain(server, prefix + "base_" + r, end);
                StringBuilder line = new StringBuilder();
                for (BenchPath path : options.select(BenchPath.DRAIN)) {
                    Figure f = figures.get(path);
                    double seconds = drain(path, slot(prefix, path, r), n);
                    f.baseline.add(n / base.seconds);
                    f.ours.add(n / seconds);
                    f.memory = lastHeap + "; baseline " + base.memory;
                    line.append(
                            String.format(Locale.ROOT, " | %s %,.0f/s", path.label, n / seconds));
                }
                out.printf(
                        Locale.ROOT,
                        "  %s run %d: %s %,.0f/s%s%n",
                        label,
                        r,
                        baselineName(),
                        n / base.seconds,
                        line);
            }
        } finally {
            Slots.drop(server, slots.toArray(new String[0]));
        }
        return new ArrayList<>(figures.values());
    }

    private String lastHeap = "";

    private double drain(BenchPath path, String slot, long n) throws Exception {
        Map<String, String> a =
                workers.get(path)
                        .call("drain", path.name(), DataSets.DRAIN, slot, String.valueOf(n));
        lastHeap = a.getOrDefault("heap", "");
        return Double.parseDouble(a.get("seconds"));
    }

    private static String slot(String prefix, BenchPath path, int run) {
        return prefix + path.name().toLowerCase(Locale.ROOT) + "_" + (run == 0 ? "warm" : run);
    }
}
