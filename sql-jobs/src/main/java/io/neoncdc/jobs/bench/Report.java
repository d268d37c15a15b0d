package io.neoncdc.jobs.bench;

import java.util.List;
import java.util.TreeMap;

/** The results file: machine, load, data sets, the table, how each figure is measured, the log. */
final class Report {
    static final String COMMAND =
            "mvn -B -q -pl sql-jobs -am package -DskipTests"
                    + " && java -jar sql-jobs/target/neon-postgres-cdc-sql-jobs-bench.jar";

    private Report() {}

    static String render(
            BenchOptions o,
            String args,
            String machine,
            String loadStart,
            String loadEnd,
            List<String> dataSets,
            String recvVersion,
            List<Figure> figures,
            String transcript) {
        StringBuilder sb = new StringBuilder();
        sb.append("# neon-postgres-cdc benchmark")
                .append(o.quick ? " (--quick: smoke-test sizes, not figures)" : "")
                .append("\n\n");
        sb.append("Written by `").append(COMMAND).append(args.isEmpty() ? "" : " " + args);
        sb.append("` (`io.neoncdc.jobs.bench.Bench`). Each figure is the median of ")
                .append(o.runs)
                .append(o.runs == 1 ? " run" : " runs")
                .append(", min–max in parentheses; every baseline is measured in the same run,")
                .append(" interleaved with our runs, so ratios matter more than absolutes.\n\n");
        sb.append("## Machine\n\n").append(machine).append('\n');
        sb.append("* Load average (1, 5, 15 min): ")
                .append(loadStart)
                .append(" at the start, ")
                .append(loadEnd)
                .append(" at the end (the machine is shared: other processes ran too)\n");
        if (!recvVersion.isEmpty()) {
            sb.append("* Drain baseline: ").append(recvVersion).append('\n');
        }
        sb.append("* Embedded server settings: ");
        new TreeMap<>(BenchServer.SETTINGS)
                .forEach((k, v) -> sb.append('`').append(k).append(" = ").append(v).append("` "));
        sb.append("(zonky's defaults turn both off; loading sessions set")
                .append(" synchronous_commit = off for themselves)\n\n");
        sb.append("## Data sets\n\n");
        dataSets.forEach(d -> sb.append("* ").append(d).append('\n'));
        sb.append(
                String.format(
                        "* drain table: narrow shape, %,d changes per workload%n", o.changes));
        sb.append("\n## Results\n\n").append(ResultsTable.render(figures)).append('\n');
        sb.append("## How each figure is measured\n\n").append(method(o)).append('\n');
        sb.append("## Run log\n\n```\n").append(transcript.trim()).append("\n```\n");
        return sb.toString();
    }

    static String method(BenchOptions o) {
        return String.join(
                "\n",
                "* **Paths.** Every path runs in a worker JVM of its own (`-Xmx` ="
                        + " `--worker-heap`) with its own Flink MiniCluster (one TaskManager, two"
                        + " slots), so the JIT compiles and profiles only that path, as in a"
                        + " TaskManager running one job; every path is run unmeasured first"
                        + " (`--warmups`), so JIT compilation and class loading are not in the"
                        + " measured window. The paths: "
                        + paths()
                        + ". Jobs checkpoint every "
                        + o.checkpointSeconds
                        + " s (aligned); object reuse is off (Flink's"
                        + " default).",
                "* **Snapshot** (rows/s): `scan.startup.mode = snapshot` (bounded). The figure"
                        + " is rows over the time from the job's submission (after SQL"
                        + " planning; slot creation, chunk planning and deployment included)"
                        + " to the last row at the sink. The notes give the rate over Flink's"
                        + " job net runtime (which also holds, at parallelism 2, the wait for"
                        + " the first checkpoint after the last chunk before the bounded"
                        + " stream may start — up to one checkpoint interval — and the slot"
                        + " drop) and over the first to the last row at the sink. Baseline,"
                        + " measured right before each path's pair of runs: a pgjdbc client"
                        + " connecting and draining `COPY (SELECT * FROM t) TO STDOUT (FORMAT"
                        + " binary)` with `readFromCopy`, parsing nothing. The SQL upsert and"
                        + " default-identity paths read the same table with REPLICA"
                        + " IDENTITY DEFAULT (set for their runs only).",
                "* **Chunk sweep**: the SQL path at parallelism 1 per"
                        + " `scan.snapshot.chunk.size`.",
                "* **Drain** (changes/s): per workload, one slot per drain is created, then the"
                        + " backlog is written, then each drain reads its own slot over the same"
                        + " WAL range (`scan.startup.mode = committed-offset`). Time from the slot"
                        + " becoming active (`pg_replication_slots.active`, polled every 5 ms) to"
                        + " the last change at the sink (baseline: last byte out of `pg_recvlogical"
                        + " -o proto_version=1 -o publication_names=… -E <end> -f -`, text values)."
                        + " Ours streams binary values on PostgreSQL 14+ (the default). The drain"
                        + " table is REPLICA IDENTITY FULL (old rows travel with updates); the SQL"
                        + " sink gets one row per change (no -U, like blackhole).",
                "* **Latency**: the SQL job `INSERT INTO sink SELECT written_at, op_ts FROM"
                        + " src` streams (parallelism 1) while "
                        + RateWriter.CONNECTIONS
                        + " connections insert single-row"
                        + " transactions (auto-commit, synchronous_commit on) on a fixed"
                        + " schedule; each row carries `clock_timestamp()`. After a warm-up,"
                        + " rows written in the measured window are timed at the sink: its"
                        + " clock minus `written_at` (the figure) and minus the commit time"
                        + " `op_ts` (millisecond precision).",
                "* **Peak heap**: a worker JVM with the given `-Xmx` holds the whole"
                        + " MiniCluster (JobManager, TaskManager, SQL planner, job) and runs"
                        + " the SQL snapshot at parallelism 2, then the SQL drain of one large"
                        + " transaction; each figure is the largest heap in use right after a"
                        + " GC during that job (live data plus old garbage not yet"
                        + " collected); `ok` means the job finished in that heap.",
                "* **Shared slot** (issue 16): a backlog of "
                        + SharedSlotBench.ROWS_PER_TRANSACTION
                        + "-row insert transactions round-robin over "
                        + SharedSlotBench.TABLES
                        + " tables, drained by one SQL job reading every table (`toChangelogStream`"
                        + " of each, unioned, into a counting map): through the catalog's one"
                        + " shared slot (one walsender decodes the WAL once) vs "
                        + SharedSlotBench.TABLES
                        + " `neon-postgres-cdc` tables with a slot each (12 walsenders each decode"
                        + " all of it); changes/s from the first to the last change, in the"
                        + " bench JVM's own MiniCluster after the workers have stopped.");
    }

    private static String paths() {
        StringBuilder sb = new StringBuilder();
        for (BenchPath p : BenchPath.values()) {
            sb.append(sb.length() == 0 ? "" : "; ")
                    .append("**")
                    .append(p.label)
                    .append("**: ")
                    .append(p.how);
        }
        return sb.toString();
    }
}
