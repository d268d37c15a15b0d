package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;

/**
 * Progress through one chunk: once its rows are read they are all in memory, and a checkpoint taken
 * part-way stores the rows not yet emitted in the split, so the chunk is never re-read.
 */
public final class SnapshotSplitState implements NeonSplitState {
    private final SnapshotSplit split;
    private ReadChunkRows chunk;
    private int emitted;

    SnapshotSplitState(SnapshotSplit split) {
        this.split = split;
    }

    void chunkRead(ReadChunkRows rows) {
        this.chunk = rows;
        this.emitted = 0;
    }

    void rowEmitted() {
        emitted++;
    }

    public SnapshotSplit split() {
        return split;
    }

    /** The finished chunk to report; valid once every row was emitted. */
    FinishedChunk finished() {
        return new FinishedChunk(
                split.splitId(),
                split.bounds(),
                chunk.snapshot(),
                chunk.walLsnAfterSnapshot(),
                chunk.rowsEmittedBefore() + emitted);
    }

    @Override
    public SnapshotSplit toSplit() {
        if (chunk == null) {
            // Not read yet (or restored with pending rows not yet re-emitted): unchanged.
            return split;
        }
        List<RowData> pending = chunk.rows().subList(emitted, chunk.rows().size());
        return split.withReadChunk(
                new SnapshotSplit.ReadChunk(
                        chunk.snapshot(),
                        chunk.walLsnAfterSnapshot(),
                        chunk.rowsEmittedBefore() + emitted,
                        chunk.table().rowType().asSerializableString(),
                        pending.size(),
                        serialize(chunk, pending)));
    }

    private static byte[] serialize(ReadChunkRows chunk, List<RowData> rows) {
        RowDataSerializer serializer = new RowDataSerializer(chunk.table().rowType());
        DataOutputSerializer out = new DataOutputSerializer(Math.max(64, rows.size() * 64));
        try {
            for (RowData row : rows) {
                serializer.serialize(row, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.getCopyOfBuffer();
    }
}
