package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Heap figures of the SQL path: each run starts a worker JVM with {@code -Xmx<memory-heap>}
 * (default 256 MB) that holds the whole MiniCluster (JobManager, TaskManager, the job) and runs one
 * job in it: the narrow table's snapshot with default chunks at parallelism 2, or the drain of one
 * large transaction.
 */
final class MemoryBench {
    private final BenchServer server;
    private final BenchOptions options;
    private final PrintStream out;

    MemoryBench(BenchServer server, BenchOptions options, PrintStream out) {
        this.server = server;
        this.options = options;
        this.out = out;
    }

    List<Figure> run(long narrowRows, long firstDrainKey) throws Exception {
        String heap = " (-Xmx" + options.memoryHeapMb + "m JVM)";
        Figure snapshot =
                new Figure("peak heap: narrow snapshot, SQL, default chunks, p2" + heap, "MB", null)
                        .atMost(options.memoryHeapMb);
        Figure txn =
                new Figure(
                                String.format(
                                        Locale.ROOT,
                                        "peak heap: drain of one %,d-row transaction, SQL%s",
                                        options.changes,
                                        heap),
                                "MB",
                                null)
                        .atMost(options.memoryHeapMb);
        List<String> slots = new ArrayList<>();
        for (int r = 1; r <= options.runs; r++) {
            slots.add("bench_memory_txn_" + r);
        }
        Slots.create(server, slots.toArray(new String[0]));
        try {
            Workloads.ONE_TRANSACTION.write(server, firstDrainKey, options.changes);
            for (int r = 1; r <= options.runs; r++) {
                try (Worker w =
                        Worker.start(
                                server,
                                "memory",
                                options.memoryHeapMb,
                                Workers.jvmFlags(options))) {
                    run(w, r, narrowRows, slots.get(r - 1), snapshot, txn);
                }
            }
        } finally {
            Slots.drop(server, slots.toArray(new String[0]));
        }
        return List.of(snapshot, txn);
    }

    /** One worker JVM runs both jobs, one after the other; each has its own peak. */
    private void run(Worker w, int r, long narrowRows, String slot, Figure snapshot, Figure txn)
            throws Exception {
        probe(
                w,
                snapshot,
                r,
                "snapshot",
                BenchPath.SQL.name(),
                DataSets.NARROW,
                String.valueOf(narrowRows),
                "2",
                String.valueOf(NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS));
        probe(
                w,
                txn,
                r,
                "drain",
                BenchPath.SQL.name(),
                DataSets.DRAIN,
                slot,
                String.valueOf(options.changes));
    }

    private void probe(Worker w, Figure figure, int run, String... command) throws Exception {
        Map<String, String> a = null;
        String failure = null;
        try {
            a = w.call(command);
        } catch (Worker.Failure e) {
            failure = e.getMessage();
        }
        if (a != null) {
            // Without any GC in the run, the largest sampled heap in use is the bound.
            boolean collected = !"0".equals(a.get("gcs"));
            figure.ours.add(Double.parseDouble(a.get(collected ? "heapAfterGcMb" : "heapUsedMb")));
            figure.memory =
                    "ok; sampled heap ≤ "
                            + a.get("heapUsedMb")
                            + " MB, "
                            + a.get("gcs")
                            + " GCs, RSS "
                            + a.get("rssMb")
                            + " MB";
        } else {
            figure.ours.add(Double.POSITIVE_INFINITY);
            Slots.dropLeftovers(server, SnapshotBench.SLOT_PREFIX);
            figure.memory = "FAILED: " + failure;
        }
        out.printf(
                Locale.ROOT,
                "  %s run %d: %s%n",
                figure.name,
                run,
                a != null ? a : "FAILED " + failure);
    }
}
