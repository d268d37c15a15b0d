package io.neoncdc.jobs.bench;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Snapshot throughput per path: after an unmeasured warm-up run of every path, each round runs, per
 * path, the COPY-binary baseline and then the path's {@code snapshot}-mode job at parallelism 1 and
 * 2 in its worker; rows/s over the job's net runtime, with the first-to-last-row rate in the notes.
 * And the chunk-size sweep of the SQL path.
 */
final class SnapshotBench {
    /** The snapshot jobs' own slots (dropped when they finish; leftovers after a failure). */
    static final String SLOT_PREFIX = "bench_snapshot_";

    private final BenchServer server;
    private final Workers workers;
    private final BenchOptions options;
    private final PrintStream out;

    SnapshotBench(BenchServer server, Workers workers, BenchOptions options, PrintStream out) {
        this.server = server;
        this.workers = workers;
        this.options = options;
        this.out = out;
    }

    /** Every path on one table: p1 and p2 next to COPY, interleaved round by round. */
    List<Figure> compare(String table, long rows, String label, List<BenchPath> paths)
            throws Exception {
        Map<BenchPath, PathFigures> figures = new LinkedHashMap<>();
        for (BenchPath path : paths) {
            figures.put(path, new PathFigures(label, path));
        }
        for (int w = 1; w <= options.warmups; w++) {
            for (BenchPath path : paths) {
                PathFigures f = figures.get(path);
                if (f.failed == null) {
                    round(table, rows, f, "warm-up " + w, false);
                }
            }
        }
        for (int run = 1; run <= options.runs; run++) {
            for (BenchPath path : paths) {
                PathFigures f = figures.get(path);
                if (f.failed == null) {
                    round(table, rows, f, "run " + run, true);
                }
            }
        }
        List<Figure> result = new ArrayList<>();
        figures.values().forEach(f -> result.addAll(f.figures()));
        return result;
    }

    private void round(String table, long rows, PathFigures f, String what, boolean record)
            throws Exception {
        DataSets.replicaIdentity(server, table, !f.path.defaultIdentity());
        try {
            double copy = rows / CopyBaseline.drain(server, table);
            String copyCpu =
                    String.format(
                            Locale.ROOT,
                            "CPU/row: client %.2f µs, PostgreSQL %.2f µs",
                            CopyBaseline.lastClientCpu * 1e6 / rows,
                            CopyBaseline.lastPostgresCpu * 1e6 / rows);
            Run one = ours(f.path, table, rows, 1, NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS);
            Run two = ours(f.path, table, rows, 2, NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS);
            if (record) {
                f.add(copy, one, two);
            }
            out.printf(
                    Locale.ROOT,
                    "  %s %s, %s: COPY %,.0f rows/s (%s) | p1 %s | p2 %s%n",
                    f.label,
                    f.path.label,
                    what,
                    copy,
                    copyCpu,
                    one,
                    two);
        } catch (Worker.Failure e) {
            f.failed = e.getMessage();
            out.printf(Locale.ROOT, "  %s %s, %s: FAILED %s%n", f.label, f.path.label, what, e);
            Slots.dropLeftovers(server, SLOT_PREFIX);
        } finally {
            DataSets.replicaIdentity(server, table, true);
        }
    }

    /** The SQL path at parallelism 1 per chunk size, each round next to a COPY baseline. */
    List<Figure> chunkSweep(String table, long rows) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (int size : options.chunkSizes) {
            figures.add(new Figure("chunk size " + size + ", SQL, p1", "rows/s", "COPY binary"));
        }
        for (int run = 1; run <= options.runs; run++) {
            double copy = rows / CopyBaseline.drain(server, table);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < figures.size(); i++) {
                Run r = ours(BenchPath.SQL, table, rows, 1, options.chunkSizes.get(i));
                figures.get(i).ours.add(r.rate());
                figures.get(i).baseline.add(copy);
                figures.get(i).memory = r.heap;
                line.append(
                        String.format(
                                Locale.ROOT, " | %d: %,.0f", options.chunkSizes.get(i), r.rate()));
            }
            out.printf(Locale.ROOT, "  chunk sweep run %d: COPY %,.0f%s rows/s%n", run, copy, line);
        }
        return figures;
    }

    private Run ours(BenchPath path, String table, long rows, int parallelism, int chunkRows)
            throws Exception {
        Map<String, String> a =
                workers.get(path)
                        .call(
                                "snapshot",
                                path.name(),
                                table,
                                String.valueOf(rows),
                                String.valueOf(parallelism),
                                String.valueOf(chunkRows));
        return new Run(rows, a);
    }

    /**
     * One job's answer: from submission to the last row (the figure), the job's net runtime, from
     * the first to the last row, and when the first row came.
     */
    static final class Run {
        final long rows;
        final double toLast;
        final double net;
        final double firstToLast;
        final double firstRow;
        final double cpuJvm;
        final double cpuPg;
        final String heap;

        Run(long rows, Map<String, String> answer) {
            this.rows = rows;
            this.toLast = Double.parseDouble(answer.get("toLast"));
            this.net = Double.parseDouble(answer.get("net"));
            this.firstToLast = Double.parseDouble(answer.get("firstToLast"));
            this.firstRow = Double.parseDouble(answer.get("firstRow"));
            this.cpuJvm = Double.parseDouble(answer.getOrDefault("cpuJvm", "0"));
            this.cpuPg = Double.parseDouble(answer.getOrDefault("cpuPg", "0"));
            this.heap = answer.getOrDefault("heap", "");
        }

        /** Rows per second from the job's submission to its last row at the sink. */
        double rate() {
            return rows / toLast;
        }

        double netRate() {
            return rows / net;
        }

        double firstToLastRate() {
            return rows / firstToLast;
        }

        /** Microseconds of CPU per row: the worker JVM's and PostgreSQL's. */
        String cpuPerRow() {
            return String.format(
                    Locale.ROOT,
                    "CPU/row: JVM %.2f µs, PostgreSQL %.2f µs",
                    cpuJvm * 1e6 / rows,
                    cpuPg * 1e6 / rows);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%,.0f rows/s (%.2f s, first row at %.2f s; net runtime %.2f s = %,.0f"
                            + " rows/s; first→last %,.0f rows/s; %s)",
                    rate(),
                    toLast,
                    firstRow,
                    net,
                    netRate(),
                    firstToLastRate(),
                    cpuPerRow());
        }
    }
}
