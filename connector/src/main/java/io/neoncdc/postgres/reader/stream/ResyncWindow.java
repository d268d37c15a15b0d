package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.reader.ReadChunkRows;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The rows of one re-read chunk, held back while the stream catches up with the chunk's snapshot: a
 * row whose key the stream changes meanwhile is dropped (the stream's event is newer or equal), the
 * rest is emitted once every transaction the snapshot saw has been streamed.
 *
 * <p>Exactly-once: a held row is the state of its key as of the snapshot; when nothing in the
 * stream touched the key up to the point where the stream has passed every transaction visible to
 * that snapshot, the row equals the key's state at that point of the stream, so emitting it there
 * as an upsert never moves the key back in time. A key the stream touched is already current.
 */
final class ResyncWindow {
    private final ReadChunkRows chunk;
    private final RowData.FieldGetter[] key;
    private final Map<List<Object>, RowData> rows = new LinkedHashMap<>();

    ResyncWindow(ReadChunkRows chunk) {
        this.chunk = chunk;
        CapturedTableSchema schema = chunk.table();
        RowType type = schema.rowType();
        List<String> keyColumns = schema.keyColumns();
        key = new RowData.FieldGetter[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            int field = type.getFieldIndex(keyColumns.get(i));
            key[i] = RowData.createFieldGetter(type.getTypeAt(field), field);
        }
        for (RowData row : chunk.rows()) {
            rows.put(key(row), row);
        }
    }

    TableId table() {
        return chunk.table().id();
    }

    /** A change the stream emits for this table: its keys' held rows are stale or redundant. */
    void changed(RowData before, RowData after) {
        if (before != null) {
            rows.remove(key(before));
        }
        if (after != null) {
            rows.remove(key(after));
        }
    }

    /** Whether the stream has passed every transaction the chunk's snapshot saw. */
    boolean caughtUp(long streamedUpTo) {
        return streamedUpTo >= chunk.walLsnAfterSnapshot();
    }

    /** The rows left to emit, as the chunk they came from. */
    ReadChunkRows remaining() {
        return new ReadChunkRows(
                chunk.table(),
                chunk.snapshot(),
                chunk.walLsnAfterSnapshot(),
                0,
                new ArrayList<>(rows.values()));
    }

    int dropped() {
        return chunk.rows().size() - rows.size();
    }

    private List<Object> key(RowData row) {
        List<Object> values = new ArrayList<>(key.length);
        for (RowData.FieldGetter g : key) {
            Object v = g.getFieldOrNull(row);
            // bytea keys: compare contents, not array identity.
            values.add(v instanceof byte[] ? ByteBuffer.wrap((byte[]) v) : v);
        }
        return values;
    }
}
