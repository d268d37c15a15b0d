package io.neoncdc.jobs.demo;

import org.apache.flink.metrics.Gauge;

/**
 * The snapshot gauges of one source's enumerator ({@code snapshot.chunksTotal}, {@code
 * chunksFinished}, {@code rowsRead}), and when the console first saw it start and finish.
 */
final class SnapshotGauges {
    private volatile Gauge<?> chunksTotal;
    private volatile Gauge<?> chunksFinished;
    private volatile Gauge<?> rowsRead;
    private long startedNanos;
    private long finishedNanos;

    void register(String name, Gauge<?> gauge) {
        switch (name) {
            case "chunksTotal":
                chunksTotal = gauge;
                break;
            case "chunksFinished":
                chunksFinished = gauge;
                break;
            case "rowsRead":
                rowsRead = gauge;
                break;
            default:
        }
    }

    long chunksTotal() {
        return read(chunksTotal);
    }

    long chunksFinished() {
        return read(chunksFinished);
    }

    long rowsRead() {
        return read(rowsRead);
    }

    boolean done() {
        long total = chunksTotal();
        return total > 0 && chunksFinished() >= total;
    }

    /** Called every ~200 ms by the reporter: notes when planning and reading finished. */
    synchronized void sample() {
        long now = System.nanoTime();
        if (startedNanos == 0 && chunksTotal() > 0) {
            startedNanos = now;
        }
        if (startedNanos != 0 && finishedNanos == 0 && done()) {
            finishedNanos = now;
        }
    }

    /** Seconds from planned to done (or until now), 0 before planning. */
    synchronized double seconds() {
        if (startedNanos == 0) {
            return 0;
        }
        long end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
        return Math.max(0.1, (end - startedNanos) / 1e9);
    }

    long rowsPerSecond() {
        double seconds = seconds();
        return seconds == 0 ? 0 : (long) (rowsRead() / seconds);
    }

    private static long read(Gauge<?> gauge) {
        Object v = gauge == null ? null : gauge.getValue();
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }
}
