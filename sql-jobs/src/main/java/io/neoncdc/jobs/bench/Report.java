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
        sb.append("## How each figure is measured\n\n").append(METHOD).append('\n');
        sb.append("## Run log\n\n```\n").append(transcript.trim()).append("\n```\n");
        return sb.toString();
    }

    static final String METHOD =
            String.join(
                    "\n",
                    "* **Snapshot** (rows/s): `scan.startup.mode = snapshot` into a discarding"
                            + " deserializer and sink, one MiniCluster shared by all jobs,"
                            + " checkpoints every 10 s (aligned). Time from job submission"
                            + " (slot creation, chunk planning and deployment included) to the"
                            + " last row. Baseline: a pgjdbc client connecting and draining"
                            + " `COPY (SELECT * FROM t) TO STDOUT (FORMAT binary)` with"
                            + " `readFromCopy`, parsing nothing.",
                    "* **Chunk sweep**: the same at parallelism 1 per `scan.snapshot.chunk.size`.",
                    "* **Drain** (changes/s): per workload, one slot per drain is created, then the"
                        + " backlog is written, then each drain reads its own slot over the same"
                        + " WAL range. Time from the slot becoming active"
                        + " (`pg_replication_slots.active`, polled every 5 ms) to the last change"
                        + " (ours: counted in the deserializer; baseline: last byte out of"
                        + " `pg_recvlogical -o proto_version=1 -o publication_names=… -E <end> -f"
                        + " -`). Ours streams binary values on PostgreSQL 14+ (the default); the"
                        + " text-values row is the same job with `-Dneoncdc.pgoutput.binary=false`,"
                        + " like the baseline. All tables are REPLICA IDENTITY FULL (old rows"
                        + " travel with updates).",
                    "* **Latency**: our job streams (parallelism 1, checkpoints every 10 s) while"
                            + " "
                            + RateWriter.CONNECTIONS
                            + " connections insert single-row"
                            + " transactions (auto-commit, synchronous_commit on) on a fixed"
                            + " schedule; each row carries `clock_timestamp()`. After a warm-up,"
                            + " rows written in the measured window are timed at the sink: its"
                            + " clock minus `written_at` (the figure) and minus the commit time"
                            + " `op_ts`.",
                    "* **Peak heap**: a forked JVM with the given `-Xmx` holds the whole"
                            + " MiniCluster (JobManager, TaskManager, job) and runs one job; the"
                            + " figure is the largest heap in use right after a GC (live data plus"
                            + " old garbage not yet collected); `ok` means the job finished in"
                            + " that heap.");
}
