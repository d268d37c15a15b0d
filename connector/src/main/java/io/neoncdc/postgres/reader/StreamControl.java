package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.metrics.StreamMetrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hand-over between the task's main thread and the fetcher thread: the LSN of the latest completed
 * checkpoint, which the fetcher confirms to the server on its next poll, and the stream's metrics,
 * which the fetcher updates.
 */
public final class StreamControl {
    private final AtomicLong confirm = new AtomicLong();
    private final AtomicLong completions = new AtomicLong();
    private final StreamMetrics metrics = new StreamMetrics();

    /** The stream gauges (registered by the reader, written by the fetcher). */
    public StreamMetrics metrics() {
        return metrics;
    }

    /** Main thread: asks the fetcher to confirm {@code lsn} (monotonic; smaller values ignored). */
    public void requestConfirm(long lsn) {
        confirm.accumulateAndGet(lsn, Math::max);
        completions.incrementAndGet();
    }

    /** How many completed checkpoints asked for a confirmation so far (any thread). */
    public long checkpointsCompleted() {
        return completions.get();
    }

    /** Fetcher thread: the LSN to confirm, or 0 when nothing new was asked since last time. */
    public long takeConfirm(long alreadyConfirmed) {
        long lsn = confirm.get();
        return lsn > alreadyConfirmed ? lsn : 0;
    }
}
