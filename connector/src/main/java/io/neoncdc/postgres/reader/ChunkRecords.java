package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.event.ChangeEvent;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.table.data.RowData;

/**
 * All rows of a read chunk as one batch that finishes the split: first a {@code CHUNK_READ} record
 * that hands the rows to the split state, then one change per row, created lazily.
 */
final class ChunkRecords implements RecordsWithSplitIds<CdcRecord> {
    private final String splitId;
    private final ReadChunkRows chunk;
    private final List<RowData> rows;
    private boolean splitReturned;
    private int next = -1;

    ChunkRecords(String splitId, ReadChunkRows chunk) {
        this.splitId = splitId;
        this.chunk = chunk;
        this.rows = chunk.rows();
    }

    @Override
    public String nextSplit() {
        if (splitReturned) {
            return null;
        }
        splitReturned = true;
        return splitId;
    }

    @Override
    public CdcRecord nextRecordFromSplit() {
        if (next < 0) {
            next = 0;
            return CdcRecord.chunkRead(chunk);
        }
        if (next >= rows.size()) {
            return null;
        }
        return CdcRecord.change(ChangeEvent.read(chunk.table(), rows.get(next++)), 0);
    }

    @Override
    public Set<String> finishedSplits() {
        return Set.of(splitId);
    }
}
