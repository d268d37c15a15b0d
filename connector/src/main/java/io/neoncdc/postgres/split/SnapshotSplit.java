package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import org.apache.flink.annotation.Internal;

/**
 * One chunk of a table to read in one statement under one snapshot. After a checkpoint taken while
 * the chunk was being emitted it also carries the snapshot it was read under and the rows not yet
 * emitted, so it is never read again from its start.
 */
@Internal
public final class SnapshotSplit implements NeonSplit {
    private final int chunkIndex;
    private final ChunkBounds bounds;
    private final String exportedSnapshot;
    private final ReadChunk readChunk;

    public SnapshotSplit(
            int chunkIndex, ChunkBounds bounds, String exportedSnapshot, ReadChunk readChunk) {
        this.chunkIndex = chunkIndex;
        this.bounds = bounds;
        this.exportedSnapshot = exportedSnapshot;
        this.readChunk = readChunk;
    }

    /** {@code public.orders:chunk-0007}. */
    public static String splitId(TableId table, int chunkIndex) {
        return table + ":chunk-" + String.format("%04d", chunkIndex);
    }

    /** The chunk index in a split id made by {@link #splitId(TableId, int)}. */
    public static int chunkIndexOf(String splitId) {
        return Integer.parseInt(splitId.substring(splitId.lastIndexOf("chunk-") + 6));
    }

    @Override
    public String splitId() {
        return splitId(bounds.table(), chunkIndex);
    }

    @Override
    public boolean isStream() {
        return false;
    }

    public TableId table() {
        return bounds.table();
    }

    public int chunkIndex() {
        return chunkIndex;
    }

    public ChunkBounds bounds() {
        return bounds;
    }

    /** The table-wide exported snapshot keyless tables are read under, else null. */
    public String exportedSnapshot() {
        return exportedSnapshot;
    }

    /** The already read, partly emitted chunk, or null when the chunk has not been read. */
    public ReadChunk readChunk() {
        return readChunk;
    }

    public SnapshotSplit withExportedSnapshot(String snapshotId) {
        return new SnapshotSplit(chunkIndex, bounds, snapshotId, readChunk);
    }

    public SnapshotSplit withReadChunk(ReadChunk read) {
        return new SnapshotSplit(chunkIndex, bounds, exportedSnapshot, read);
    }

    @Override
    public String toString() {
        return splitId() + " " + bounds + (readChunk == null ? "" : " " + readChunk);
    }

    /** A chunk's snapshot and the serialized rows of it that are not yet emitted. */
    public static final class ReadChunk {
        private final VisibilitySnapshot snapshot;
        private final long walLsnAfterSnapshot;
        private final long rowsEmitted;
        private final String rowType;
        private final int pendingCount;
        private final byte[] pendingRows;

        public ReadChunk(
                VisibilitySnapshot snapshot,
                long walLsnAfterSnapshot,
                long rowsEmitted,
                String rowType,
                int pendingCount,
                byte[] pendingRows) {
            this.snapshot = snapshot;
            this.walLsnAfterSnapshot = walLsnAfterSnapshot;
            this.rowsEmitted = rowsEmitted;
            this.rowType = rowType;
            this.pendingCount = pendingCount;
            this.pendingRows = pendingRows;
        }

        public VisibilitySnapshot snapshot() {
            return snapshot;
        }

        public long walLsnAfterSnapshot() {
            return walLsnAfterSnapshot;
        }

        public long rowsEmitted() {
            return rowsEmitted;
        }

        /** The serializable string of the row type the pending rows were written with. */
        public String rowType() {
            return rowType;
        }

        public int pendingCount() {
            return pendingCount;
        }

        public byte[] pendingRows() {
            return pendingRows;
        }

        @Override
        public String toString() {
            return "read under " + snapshot + ", " + pendingCount + " rows pending";
        }
    }
}
