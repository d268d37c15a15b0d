package io.neoncdc.postgres.reader;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hand-over from the task's main thread to the fetcher thread: the LSN of the latest completed
 * checkpoint, which the fetcher confirms to the server on its next poll.
 */
public final class StreamControl {
    private final AtomicLong confirm = new AtomicLong();

    /** Main thread: asks the fetcher to confirm {@code lsn} (monotonic; smaller values ignored). */
    public void requestConfirm(long lsn) {
        confirm.accumulateAndGet(lsn, Math::max);
    }

    /** Fetcher thread: the LSN to confirm, or 0 when nothing new was asked since last time. */
    public long takeConfirm(long alreadyConfirmed) {
        long lsn = confirm.get();
        return lsn > alreadyConfirmed ? lsn : 0;
    }
}
