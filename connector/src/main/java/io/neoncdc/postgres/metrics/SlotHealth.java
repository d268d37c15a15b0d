package io.neoncdc.postgres.metrics;

import org.apache.flink.annotation.Internal;

/**
 * One reading of the connector's slot: its row of {@code pg_replication_slots}, the server's
 * current WAL position and {@code max_slot_wal_keep_size}.
 */
@Internal
public final class SlotHealth {
    /** {@code safe_wal_size} or {@code max_slot_wal_keep_size} is unknown or unlimited. */
    public static final long UNLIMITED = -1;

    private final boolean exists;
    private final long confirmedFlushLsn;
    private final long restartLsn;
    private final String walStatus;
    private final long safeWalSize;
    private final long currentWalLsn;
    private final long maxSlotWalKeepSize;

    public SlotHealth(
            boolean exists,
            long confirmedFlushLsn,
            long restartLsn,
            String walStatus,
            long safeWalSize,
            long currentWalLsn,
            long maxSlotWalKeepSize) {
        this.exists = exists;
        this.confirmedFlushLsn = confirmedFlushLsn;
        this.restartLsn = restartLsn;
        this.walStatus = walStatus;
        this.safeWalSize = safeWalSize;
        this.currentWalLsn = currentWalLsn;
        this.maxSlotWalKeepSize = maxSlotWalKeepSize;
    }

    /** The slot is gone (its row is missing). */
    public static SlotHealth missing(long currentWalLsn) {
        return new SlotHealth(false, 0, 0, null, UNLIMITED, currentWalLsn, UNLIMITED);
    }

    public boolean exists() {
        return exists;
    }

    public long confirmedFlushLsn() {
        return confirmedFlushLsn;
    }

    public long restartLsn() {
        return restartLsn;
    }

    /** {@code reserved}, {@code extended}, {@code unreserved}, {@code lost}; null before PG 13. */
    public String walStatus() {
        return walStatus;
    }

    /** Bytes of WAL that can still be written before the slot is in danger, or UNLIMITED. */
    public long safeWalSize() {
        return safeWalSize;
    }

    /** {@code pg_current_wal_lsn()} (the replay position on a standby). */
    public long currentWalLsn() {
        return currentWalLsn;
    }

    /** {@code max_slot_wal_keep_size} in bytes, or UNLIMITED. */
    public long maxSlotWalKeepSize() {
        return maxSlotWalKeepSize;
    }

    /** WAL the slot keeps on the server: current position minus {@code restart_lsn}. */
    public long retainedWalBytes() {
        return exists && restartLsn > 0 ? Math.max(0, currentWalLsn - restartLsn) : -1;
    }

    @Override
    public String toString() {
        return "SlotHealth{exists="
                + exists
                + ", confirmed="
                + confirmedFlushLsn
                + ", restart="
                + restartLsn
                + ", walStatus="
                + walStatus
                + ", safeWalSize="
                + safeWalSize
                + ", current="
                + currentWalLsn
                + ", maxKeep="
                + maxSlotWalKeepSize
                + '}';
    }
}
