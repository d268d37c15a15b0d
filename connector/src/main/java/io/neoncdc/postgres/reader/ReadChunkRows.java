package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.util.List;
import org.apache.flink.table.data.RowData;

/**
 * All rows of one chunk, read in one statement under one snapshot, shared by the fetcher that read
 * them and the split state that serializes the not yet emitted ones at a checkpoint.
 */
public final class ReadChunkRows {
    private final CapturedTableSchema table;
    private final VisibilitySnapshot snapshot;
    private final long walLsnAfterSnapshot;
    private final long rowsEmittedBefore;
    private final List<RowData> rows;

    public ReadChunkRows(
            CapturedTableSchema table,
            VisibilitySnapshot snapshot,
            long walLsnAfterSnapshot,
            long rowsEmittedBefore,
            List<RowData> rows) {
        this.table = table;
        this.snapshot = snapshot;
        this.walLsnAfterSnapshot = walLsnAfterSnapshot;
        this.rowsEmittedBefore = rowsEmittedBefore;
        this.rows = rows;
    }

    public CapturedTableSchema table() {
        return table;
    }

    public VisibilitySnapshot snapshot() {
        return snapshot;
    }

    public long walLsnAfterSnapshot() {
        return walLsnAfterSnapshot;
    }

    /** Rows of this chunk emitted before a restore (they are not in {@link #rows()}). */
    public long rowsEmittedBefore() {
        return rowsEmittedBefore;
    }

    public List<RowData> rows() {
        return rows;
    }
}
