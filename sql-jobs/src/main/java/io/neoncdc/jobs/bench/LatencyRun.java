package io.neoncdc.jobs.bench;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.JobID;

/**
 * One latency run of the SQL path in a worker: the job streams the latency table from its slot
 * while this JVM's {@link RateWriter} writes at a fixed rate; after the warm-up, the rows written
 * in the measured window are timed at the sink ({@link LatencyProbe}).
 */
final class LatencyRun {
    private final BenchServer server;
    private final BenchCluster cluster;
    private final PathJobs jobs;

    LatencyRun(BenchServer server, BenchCluster cluster, PathJobs jobs) {
        this.server = server;
        this.cluster = cluster;
        this.jobs = jobs;
    }

    /** Returns {@code rate p50 p99 max commitP99 timed nextId} as key=value pairs. */
    String run(TableShape table, String slot, int rate, int warmup, int seconds, long firstId)
            throws Exception {
        Progress.reset(Long.MAX_VALUE);
        JobID job =
                jobs.latency(
                        table,
                        jobs.options(table, slot, "committed-offset", 0),
                        "bench latency " + slot);
        Window w;
        try {
            Slots.awaitActive(server, slot, Duration.ofSeconds(120));
            w = writeWindow(server, rate, warmup, seconds, firstId, LatencyProbe::window);
            long written = w.nextId - firstId;
            long deadline = System.nanoTime() + 60_000_000_000L;
            // Every row this run wrote (warm-up included) reaches the sink, then the job stops.
            while (Progress.events() < written && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            cluster.cancel(job);
        }
        long[] sinceWrite = LatencyProbe.sinceWrite();
        long[] sinceCommit = LatencyProbe.sinceCommit();
        return String.format(
                Locale.ROOT,
                "rate=%.1f p50=%.3f p99=%.3f max=%.3f commitP99=%.3f timed=%d nextId=%d",
                w.rate,
                LatencyBench.percentile(sinceWrite, 0.5),
                LatencyBench.percentile(sinceWrite, 0.99),
                LatencyBench.percentile(sinceWrite, 1.0),
                LatencyBench.percentile(sinceCommit, 0.99),
                sinceWrite.length,
                w.nextId);
    }

    /**
     * Runs the writer: warm-up, then the measured window (told to the listener, in Unix
     * microseconds), then stops it; returns the window's write rate and the next free id.
     */
    static Window writeWindow(
            BenchServer server,
            int rate,
            int warmup,
            int seconds,
            long firstId,
            LatencyBench.WindowListener listener)
            throws Exception {
        try (RateWriter writer = RateWriter.start(server, rate, firstId)) {
            Thread.sleep(warmup * 1000L);
            long from = writer.written();
            long t0 = System.nanoTime();
            listener.window(LatencyProbe.nowMicros(), Long.MAX_VALUE);
            Thread.sleep(seconds * 1000L);
            long end = LatencyProbe.nowMicros();
            double achieved = (writer.written() - from) / ((System.nanoTime() - t0) / 1e9);
            writer.close();
            listener.window(-1, end); // keep the start, close the end
            return new Window(achieved, writer.nextId());
        }
    }

    /** What a writer run achieved. */
    static final class Window {
        final double rate;
        final long nextId;

        Window(double rate, long nextId) {
            this.rate = rate;
            this.nextId = nextId;
        }
    }
}
