package io.neoncdc.postgres.metrics;

import java.util.ArrayDeque;

/**
 * Estimates how long ago the WAL at the slot's {@code restart_lsn} was written, from samples of the
 * server's WAL position over time: the age of the oldest sample already past {@code restart_lsn}.
 * PostgreSQL keeps no timestamp for an LSN, so this is a lower bound (since this reader started
 * sampling); Neon removes slots by this kind of age.
 */
final class RestartLsnAge {
    /** Samples kept while restart_lsn is stuck: at a 30 s interval, more than a week. */
    static final int MAX_SAMPLES = 20_000;

    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /**
     * Records the WAL position at {@code nowMillis} and returns the age of {@code restartLsn} in
     * milliseconds: 0 when no WAL was written after it since sampling began.
     */
    long update(long nowMillis, long currentWalLsn, long restartLsn) {
        long[] last = samples.peekLast();
        if (last == null || currentWalLsn != last[1]) {
            samples.addLast(new long[] {nowMillis, currentWalLsn});
        }
        // restart_lsn only moves forward: samples at or before it are never needed again.
        while (!samples.isEmpty() && samples.peekFirst()[1] <= restartLsn) {
            samples.pollFirst();
        }
        if (samples.size() > MAX_SAMPLES) {
            long[] oldest = samples.pollFirst();
            samples.pollFirst();
            samples.addFirst(oldest);
        }
        long[] oldestPast = samples.peekFirst();
        return oldestPast == null ? 0 : Math.max(0, nowMillis - oldestPast[0]);
    }

    int size() {
        return samples.size();
    }
}
