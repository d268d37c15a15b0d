package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The finished chunks of one table in key order, with their snapshots: answers whether a
 * transaction's change to a key is already in the chunk holding that key.
 */
final class TableChunks {
    private final List<String> keyColumns;
    private final FinishedChunk[] chunks;
    private final long maxWalLsn;
    private final TableInfo table;
    private final Supplier<Connection> connection;
    private KeyOrder order;

    TableChunks(List<FinishedChunk> finished, TableInfo table, Supplier<Connection> connection) {
        List<FinishedChunk> sorted = new ArrayList<>(finished);
        sorted.sort(Comparator.comparingInt(c -> SnapshotSplit.chunkIndexOf(c.splitId())));
        this.chunks = sorted.toArray(new FinishedChunk[0]);
        this.keyColumns = chunks[0].bounds().keyColumns();
        this.maxWalLsn =
                sorted.stream().mapToLong(FinishedChunk::walLsnAfterSnapshot).max().orElse(0);
        this.table = table;
        this.connection = connection;
    }

    List<String> keyColumns() {
        return keyColumns;
    }

    /**
     * Transactions that commit at or after this LSN are seen by none of the snapshots: they
     * committed after every snapshot of this table was taken.
     */
    long maxWalLsn() {
        return maxWalLsn;
    }

    /** 1: every chunk snapshot sees the transaction; -1: none does; 0: it depends on the key. */
    int seenByAll(long xid32) {
        boolean any = false;
        boolean all = true;
        for (FinishedChunk c : chunks) {
            boolean sees = sees(c, xid32);
            any |= sees;
            all &= sees;
        }
        return all ? 1 : any ? 0 : -1;
    }

    /** Whether the snapshot of the chunk that holds {@code key} saw the transaction. */
    boolean chunkSaw(String[] key, long xid32) {
        return sees(chunks[order().chunkOf(key)], xid32);
    }

    /**
     * A chunk not read yet (a table that joined while streaming) "sees" every transaction: its rows
     * will be read under a snapshot taken after the transaction committed, so the change must not
     * be emitted now.
     */
    private static boolean sees(FinishedChunk c, long xid32) {
        VisibilitySnapshot s = c.snapshot();
        return s == null || s.sees(s.extend(xid32));
    }

    private KeyOrder order() {
        if (order == null) {
            List<String[]> uppers = new ArrayList<>();
            for (int i = 0; i < chunks.length - 1; i++) {
                uppers.add(chunks[i].bounds().upper());
            }
            List<String> types = new ArrayList<>();
            List<Boolean> byteOrder = new ArrayList<>();
            for (String k : keyColumns) {
                ColumnInfo c = table.column(k).orElseThrow();
                types.add(c.type().resolveDomain().name());
                byteOrder.add(c.byteOrderCollation());
            }
            KeyOrder java = JavaKeyOrder.forTypes(types, byteOrder, uppers);
            order =
                    java != null
                            ? java
                            : new PostgresKeyOrder(connection, table, keyColumns, uppers);
        }
        return order;
    }
}
