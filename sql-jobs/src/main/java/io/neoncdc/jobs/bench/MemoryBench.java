package io.neoncdc.jobs.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Heap figures: each run forks a JVM with {@code -Xmx<memory-heap>} (default 256 MB) that holds the
 * whole MiniCluster (JobManager, TaskManager, the job) and runs one job in it: the narrow table's
 * snapshot with default chunks at parallelism 2, or the drain of one large transaction.
 */
final class MemoryBench {
    /** Flink's JDK 17 opens, as in the parent POM's flink.jvm.opens. */
    static final String[] OPENS = {
        "java.base/java.lang",
        "java.base/java.net",
        "java.base/java.io",
        "java.base/java.nio",
        "java.base/sun.nio.ch",
        "java.base/java.lang.reflect",
        "java.base/java.text",
        "java.base/java.time",
        "java.base/java.util",
        "java.base/java.util.concurrent",
        "java.base/java.util.concurrent.atomic",
        "java.base/java.util.concurrent.locks"
    };

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
                new Figure("peak heap: narrow snapshot, default chunks, p2" + heap, "MB", null)
                        .atMost(options.memoryHeapMb);
        Figure txn =
                new Figure(
                                String.format(
                                        Locale.ROOT,
                                        "peak heap: drain of one %,d-row" + " transaction%s",
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
                probe(snapshot, r, "snapshot", DataSets.NARROW, String.valueOf(narrowRows), "2");
                probe(txn, r, "drain", slots.get(r - 1), String.valueOf(options.changes));
            }
        } finally {
            Slots.drop(server, slots.toArray(new String[0]));
        }
        return List.of(snapshot, txn);
    }

    private void probe(Figure figure, int run, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + options.memoryHeapMb + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        for (String open : OPENS) {
            cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MemoryProbe.class.getName());
        cmd.add(args[0]);
        cmd.add(server.host);
        cmd.add(String.valueOf(server.port));
        cmd.add(server.user);
        cmd.add(server.database);
        cmd.add(server.sslMode);
        for (int i = 1; i < args.length; i++) {
            cmd.add(args[i]);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(MemoryProbe.PASSWORD_ENV, server.password);
        Process p = pb.start();
        String result = null;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("PROBE ")) {
                    result = line;
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        boolean ok = result != null && result.contains("ok=true") && p.exitValue() == 0;
        if (ok) {
            // Without any GC in the run, the largest sampled heap in use is the bound.
            boolean collected = !"0".equals(field(result, "gcs"));
            figure.ours.add(
                    Double.parseDouble(field(result, collected ? "heapAfterGcMb" : "heapUsedMb")));
            figure.memory =
                    "ok; sampled heap ≤ "
                            + field(result, "heapUsedMb")
                            + " MB, "
                            + field(result, "gcs")
                            + " GCs, RSS "
                            + field(result, "rssMb")
                            + " MB";
        } else {
            figure.ours.add(Double.POSITIVE_INFINITY);
            Slots.dropLeftovers(server, SnapshotBench.SLOT_PREFIX);
            figure.memory = "FAILED (exit " + p.exitValue() + "): " + result;
        }
        out.printf(
                Locale.ROOT,
                "  %s run %d: %s%n",
                figure.name,
                run,
                result == null ? "exit " + p.exitValue() + ", no result" : result);
    }

    private static String field(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return "?";
    }
}
