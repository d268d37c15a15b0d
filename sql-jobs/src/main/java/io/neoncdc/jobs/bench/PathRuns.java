package io.neoncdc.jobs.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * The commands a {@link BenchWorker} runs, each answered with {@code key=value} pairs:
 *
 * <ul>
 *   <li>{@code snapshot <path> <table> <rows> <parallelism> <chunkRows>}: a bounded snapshot;
 *       {@code net} (the job's net runtime), {@code firstToLast} (first to last row at the sink),
 *       {@code firstRow} (submission to first row) in seconds;
 *   <li>{@code drain <path> <table> <slot> <changes>}: the backlog of a prepared slot; {@code
 *       seconds} from the slot becoming active to the last change at the sink;
 *   <li>{@code latency <table> <slot> <rate> <warmupSeconds> <seconds> <firstId>}: the SQL stream
 *       while this worker writes at {@code rate}; percentiles in ms ({@link LatencyBench});
 * </ul>
 *
 * and every answer ends with the heap seen while the command ran.
 */
final class PathRuns {
    private final BenchServer server;
    private final BenchCluster cluster;
    private final HeapWatch life;
    private final PathJobs jobs;
    private final Map<String, TableShape> shapes = new HashMap<>();
    private int submitted;

    PathRuns(BenchServer server, BenchCluster cluster, HeapWatch life) {
        this.server = server;
        this.cluster = cluster;
        this.life = life;
        this.jobs = new PathJobs(server, cluster);
    }

    String run(String[] c) throws Exception {
        switch (c[0]) {
            case "snapshot":
                return snapshot(
                        BenchPath.valueOf(c[1]),
                        shape(c[2]),
                        Long.parseLong(c[3]),
                        Integer.parseInt(c[4]),
                        Integer.parseInt(c[5]));
            case "drain":
                return drain(BenchPath.valueOf(c[1]), shape(c[2]), c[3], Long.parseLong(c[4]));
            case "latency":
                try (HeapWatch heap = HeapWatch.start()) {
                    return new LatencyRun(server, cluster, jobs)
                                    .run(
                                            shape(c[1]),
                                            c[2],
                                            Integer.parseInt(c[3]),
                                            Integer.parseInt(c[4]),
                                            Integer.parseInt(c[5]),
                                            Long.parseLong(c[6]))
                            + heap(heap);
                }
            default:
                throw new IllegalArgumentException("Unknown command " + c[0]);
        }
    }

    private String snapshot(BenchPath path, TableShape table, long rows, int p, int chunkRows)
            throws Exception {
        Progress.reset(rows);
        String slot =
                SnapshotBench.SLOT_PREFIX + ProcessHandle.current().pid() + "_" + (++submitted);
        try (HeapWatch heap = HeapWatch.start()) {
            long planning = System.nanoTime();
            CpuMeter cpu = new CpuMeter(server);
            JobID job =
                    jobs.submit(
                            path,
                            table,
                            jobs.options(table, slot, "snapshot", chunkRows),
                            p,
                            "bench snapshot " + path + " p" + p);
            long start = System.nanoTime();
            long last = Progress.awaitLast(cluster, job, Duration.ofMinutes(30));
            JobResult result = cluster.await(job, Duration.ofMinutes(5));
            cpu.close();
            return String.format(
                            Locale.ROOT,
                            "net=%.4f firstToLast=%.4f firstRow=%.4f toLast=%.4f planning=%.3f"
                                    + " cpuJvm=%.3f cpuPg=%.3f",
                            result.getNetRuntime() / 1000.0,
                            (last - Progress.firstNanos()) / 1e9,
                            (Progress.firstNanos() - start) / 1e9,
                            (last - start) / 1e9,
                            (start - planning) / 1e9,
                            cpu.jvmSeconds(),
                            cpu.postgresSeconds())
                    + heap(heap);
        }
    }

    private String drain(BenchPath path, TableShape table, String slot, long changes)
            throws Exception {
        Progress.reset(changes);
        try (HeapWatch heap = HeapWatch.start()) {
            JobID job =
                    jobs.submit(
                            path,
                            table,
                            jobs.options(table, slot, "committed-offset", 0),
                            1,
                            "bench drain " + path + " " + slot);
            try {
                long active = Slots.awaitActive(server, slot, Duration.ofSeconds(120));
                long last = Progress.awaitLast(cluster, job, Duration.ofMinutes(30));
                // A tiny backlog can arrive before the 5 ms poll sees the slot active.
                long start = Math.min(active, Progress.firstNanos());
                return String.format(Locale.ROOT, "seconds=%.4f", (last - start) / 1e9)
                        + heap(heap);
            } finally {
                cluster.cancel(job);
            }
        }
    }

    /**
     * The command's heap: {@code heap=…} (free text), its peaks after GC and sampled, its GCs, and
     * the worker's largest heap after GC and RSS so far.
     */
    private String heap(HeapWatch command) {
        return String.format(
                Locale.ROOT,
                " heap=%s heapAfterGcMb=%d heapUsedMb=%d gcs=%d workerHeapAfterGcMb=%d rssMb=%d",
                command.describe().replace(' ', '_'),
                HeapWatch.mb(command.peakAfterGcBytes()),
                HeapWatch.mb(command.peakUsedBytes()),
                command.collections(),
                HeapWatch.mb(life.peakAfterGcBytes()),
                Worker.peakRssKb() / 1024);
    }

    private TableShape shape(String table) throws Exception {
        TableShape s = shapes.get(table);
        if (s == null) {
            s = TableShape.read(server, table);
            shapes.put(table, s);
        }
        return s;
    }
}
