package io.neoncdc.jobs.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark: snapshot, drain, latency and heap figures of neon-postgres-cdc next to
 * PostgreSQL's own limits (COPY binary, pg_recvlogical) measured in the same run; prints one table
 * and writes it with the machine description to {@code bench/RESULTS.md}.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage() + "\n\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "neon-postgres-cdc-bench.log");
        BenchLogging.configure(log);
        int code;
        try {
            run(options, String.join(" ", args), System.out);
            code = 0;
        } catch (Exception e) {
            System.out.println("The bench failed: " + e + "\nDetails: " + log);
            e.printStackTrace(System.out);
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the selected parts and writes the results file; returns its text. */
    static String run(BenchOptions o, String args, PrintStream console) throws Exception {
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(console, transcript), true, "UTF-8");
        String loadStart = Machine.loadAverage();
        out.println("Starting PostgreSQL and a Flink MiniCluster (load average " + loadStart + ")");
        List<Figure> figures = new ArrayList<>();
        List<String> dataSets = new ArrayList<>();
        String machine;
        String recvVersion = "";
        try (BenchServer server = BenchServer.start();
                Workers workers = new Workers(server, o)) {
            machine = Machine.describe(server);
            out.println(machine);
            // The workers' JVMs and MiniClusters come up while the tables load.
            workers.start(paths(o));
            try (Connection c = server.connect()) {
                DataSets.createAll(c);
                out.println("Loading the snapshot tables...");
                DataSets.fillSnapshotTables(c, o.rows, o.wideRows);
                dataSets.add(DataSets.describe(c, DataSets.NARROW, "doc"));
                dataSets.add(DataSets.describe(c, WideTable.NAME, null));
            }
            dataSets.forEach(d -> out.println("  " + d));
            DataSets.checkpoint(server);
            PartTimer timer = new PartTimer(out);
            SnapshotBench snapshots = new SnapshotBench(server, workers, o, out);
            if (o.runs("snapshot")) {
                figures.addAll(
                        snapshots.compare(
                                DataSets.NARROW, o.rows, "narrow", o.select(BenchPath.SNAPSHOT)));
                timer.done("snapshot");
            }
            if (o.runs("wide")) {
                figures.addAll(
                        snapshots.compare(
                                WideTable.NAME,
                                o.wideRows,
                                "wide",
                                o.select(List.of(BenchPath.SQL, BenchPath.CHANGE_EVENT))));
                timer.done("wide");
            }
            if (o.runs("chunks")) {
                figures.addAll(snapshots.chunkSweep(DataSets.NARROW, o.rows));
                timer.done("chunks");
            }
            if (o.runs("latency")) {
                DataSets.checkpoint(server);
                figures.addAll(new LatencyBench(server, workers, o, out).run());
                timer.done("latency");
            }
            if (o.runs("drain")) {
                DataSets.checkpoint(server);
                Optional<Path> recv =
                        o.recvLogical == null
                                ? RecvLogical.find()
                                : Optional.of(Path.of(o.recvLogical))
                                        .filter(p -> !"none".equals(o.recvLogical));
                recvVersion = recv.isPresent() ? RecvLogical.version(recv.get()) : "";
                out.println(
                        recv.isPresent()
                                ? "Drain baseline: " + recv.get() + " (" + recvVersion + ")"
                                : "No pg_recvlogical found: the drain baseline is a minimal"
                                        + " pgjdbc replication reader that only counts messages");
                DrainBench drain = new DrainBench(server, workers, o, out, recv.orElse(null));
                figures.addAll(drain.run(Workloads.INSERTS, 1));
                figures.addAll(drain.run(Workloads.UPDATES, 1));
                figures.addAll(drain.run(Workloads.ONE_TRANSACTION, o.changes + 1L));
                timer.done("drain");
            }
            workers.close(); // their memory back before the heap probes and the shared slot
            if (o.runs("shared")) {
                DataSets.checkpoint(server);
                try (BenchCluster cluster = BenchCluster.start()) {
                    figures.add(
                            new SharedSlotBench(server, cluster, out).run(o.sharedChanges, o.runs));
                }
                timer.done("shared");
            }
            if (o.runs("memory")) {
                figures.addAll(new MemoryBench(server, o, out).run(o.rows, 2L * o.changes + 1));
                timer.done("memory");
            }
        }
        String report =
                Report.render(
                        o,
                        args,
                        machine,
                        loadStart,
                        Machine.loadAverage(),
                        dataSets,
                        recvVersion,
                        figures,
                        transcript.toString(StandardCharsets.UTF_8));
        console.println();
        console.println(ResultsTable.render(figures));
        Path file = o.out.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        console.println("Written to " + file);
        return report;
    }

    /** The paths whose workers the selected parts need. */
    static List<BenchPath> paths(BenchOptions o) {
        java.util.Set<BenchPath> paths = new java.util.LinkedHashSet<>();
        if (o.runs("snapshot")) {
            paths.addAll(o.select(BenchPath.SNAPSHOT));
        }
        if (o.runs("wide") || o.runs("chunks") || o.runs("latency")) {
            paths.add(BenchPath.SQL);
        }
        if (o.runs("wide")) {
            paths.addAll(o.select(List.of(BenchPath.CHANGE_EVENT)));
        }
        if (o.runs("drain")) {
            paths.addAll(o.select(BenchPath.DRAIN));
        }
        return new ArrayList<>(paths);
    }

    /** Prints how long each part took (and the load average then), for the run log. */
    private static final class PartTimer {
        private final PrintStream out;
        private long since = System.nanoTime();

        PartTimer(PrintStream out) {
            this.out = out;
        }

        void done(String part) {
            long now = System.nanoTime();
            out.printf(
                    java.util.Locale.ROOT,
                    "  (%s: %.0f s, load average %s)%n",
                    part,
                    (now - since) / 1e9,
                    Machine.loadAverage());
            since = now;
        }
    }

    /** Writes to the console and keeps a copy for the results file. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
