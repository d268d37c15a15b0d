package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.schema.CapturedTable;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.table.data.GenericRowData;

/**
 * The stream side of DESIGN §4: a change to key k in transaction T is emitted iff T is not visible
 * to the snapshot of the chunk that holds k.
 *
 * <p>Why this is exact: transactions that touch the same row are serialized by its row lock (and by
 * unique indexes for re-inserted keys), and a transaction releases its locks only after it left the
 * proc array. So for any key, the transactions a snapshot sees are a prefix of that key's commit
 * order: the chunk holds the row as of that prefix, and the stream delivers the rest, in commit
 * order. An update that moves a row to another chunk is judged as a delete of the old key (against
 * the old key's chunk) plus an insert of the new key (against the new one).
 */
public final class SnapshotStreamFilter implements StreamFilter {
    private final Map<TableId, List<FinishedChunk>> byTable = new HashMap<>();
    private final Map<TableId, TableChunks> tables = new HashMap<>();
    private final Supplier<Connection> connection;

    public SnapshotStreamFilter(List<FinishedChunk> chunks, Supplier<Connection> connection) {
        for (FinishedChunk c : chunks) {
            byTable.computeIfAbsent(c.bounds().table(), t -> new ArrayList<>()).add(c);
        }
        this.connection = connection;
    }

    /**
     * Chunks planned for tables that joined while streaming: until a chunk is read, changes to its
     * keys are not emitted (its later read includes them).
     *
     * <p>A chunk restored while its rows were being emitted is not read again: its rows are those
     * of the snapshot it was read under, so that snapshot decides from the start. Treating it as
     * planned would drop the changes committed after that snapshot until its rows are emitted.
     */
    public void plan(List<SnapshotSplit> splits) {
        for (SnapshotSplit s : splits) {
            SnapshotSplit.ReadChunk read = s.readChunk();
            FinishedChunk chunk =
                    read == null
                            ? new FinishedChunk(s.splitId(), s.bounds(), null, Long.MAX_VALUE, 0)
                            : new FinishedChunk(
                                    s.splitId(),
                                    s.bounds(),
                                    read.snapshot(),
                                    read.walLsnAfterSnapshot(),
                                    0);
            byTable.computeIfAbsent(s.table(), t -> new ArrayList<>()).add(chunk);
            tables.remove(s.table());
        }
    }

    @Override
    public boolean active() {
        return !byTable.isEmpty();
    }

    /** A planned chunk was read: from now on its snapshot decides. */
    public void finish(FinishedChunk chunk) {
        List<FinishedChunk> chunks =
                byTable.computeIfAbsent(chunk.bounds().table(), t -> new ArrayList<>());
        chunks.removeIf(c -> c.splitId().equals(chunk.splitId()));
        chunks.add(chunk);
        tables.remove(chunk.bounds().table());
    }

    @Override
    public boolean inEveryChunk(CapturedTable table, long commitLsn, long xid) {
        TableChunks chunks = chunks(table);
        // A planned chunk (joining table) counts as seeing it: its later read has the effect.
        return chunks != null && commitLsn < chunks.maxWalLsn() && chunks.seenByAll(xid) > 0;
    }

    @Override
    public List<ChangeEvent> apply(
            CapturedTable table,
            Op op,
            GenericRowData before,
            GenericRowData after,
            KeyText keys,
            long commitLsn,
            long commitTime,
            long xid) {
        TableChunks chunks = chunks(table);
        ChangeEvent whole =
                new ChangeEvent(op, table.schema(), before, after, commitLsn, commitTime, xid);
        if (chunks == null) {
            return List.of(whole);
        }
        if (commitLsn >= chunks.maxWalLsn()) {
            // Committed after every snapshot of this table was taken: no chunk saw it, nor can
            // any later transaction be seen; the table is in pure streaming from here on.
            tables.put(table.info().id(), null);
            byTable.remove(table.info().id());
            return List.of(whole);
        }
        int all = chunks.seenByAll(xid);
        if (all != 0) {
            return all > 0 ? List.of() : List.of(whole);
        }
        List<String> keyColumns = chunks.keyColumns();
        switch (op) {
            case INSERT:
                return chunks.chunkSaw(keys.after(keyColumns), xid) ? List.of() : List.of(whole);
            case DELETE:
                return chunks.chunkSaw(keys.before(keyColumns), xid) ? List.of() : List.of(whole);
            default:
                boolean deleteSeen = chunks.chunkSaw(keys.before(keyColumns), xid);
                boolean insertSeen = chunks.chunkSaw(keys.after(keyColumns), xid);
                if (!deleteSeen && !insertSeen) {
                    return List.of(whole);
                }
                List<ChangeEvent> parts = new ArrayList<>(1);
                if (!deleteSeen) {
                    parts.add(
                            new ChangeEvent(
                                    Op.DELETE,
                                    table.schema(),
                                    before,
                                    null,
                                    commitLsn,
                                    commitTime,
                                    xid));
                }
                if (!insertSeen) {
                    parts.add(
                            new ChangeEvent(
                                    Op.INSERT,
                                    table.schema(),
                                    null,
                                    after,
                                    commitLsn,
                                    commitTime,
                                    xid));
                }
                return parts;
        }
    }

    private TableChunks chunks(CapturedTable table) {
        TableId id = table.info().id();
        if (tables.containsKey(id)) {
            return tables.get(id);
        }
        List<FinishedChunk> finished = byTable.get(id);
        TableChunks chunks =
                finished == null ? null : new TableChunks(finished, table.info(), connection);
        tables.put(id, chunks);
        return chunks;
    }
}
