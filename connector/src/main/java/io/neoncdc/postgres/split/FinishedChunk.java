package io.neoncdc.postgres.split;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * A chunk that was read: its key range and the visibility snapshot it was read under, plus the WAL
 * insert position right after that snapshot was taken (every transaction the snapshot sees
 * committed before it).
 */
@Internal
public final class FinishedChunk implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String splitId;
    private final ChunkBounds bounds;
    private final VisibilitySnapshot snapshot;
    private final long walLsnAfterSnapshot;
    private final long rows;

    public FinishedChunk(
            String splitId,
            ChunkBounds bounds,
            VisibilitySnapshot snapshot,
            long walLsnAfterSnapshot,
            long rows) {
        this.splitId = splitId;
        this.bounds = bounds;
        this.snapshot = snapshot;
        this.walLsnAfterSnapshot = walLsnAfterSnapshot;
        this.rows = rows;
    }

    public String splitId() {
        return splitId;
    }

    public ChunkBounds bounds() {
        return bounds;
    }

    public VisibilitySnapshot snapshot() {
        return snapshot;
    }

    public long walLsnAfterSnapshot() {
        return walLsnAfterSnapshot;
    }

    public long rows() {
        return rows;
    }

    @Override
    public String toString() {
        return splitId + " " + bounds + " snapshot " + snapshot;
    }
}
