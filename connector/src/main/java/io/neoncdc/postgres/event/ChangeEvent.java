package io.neoncdc.postgres.event;

import io.neoncdc.postgres.catalog.TableId;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.RowData;

/**
 * One row change of a captured table: a snapshot read, or an insert, update or delete from the
 * stream, with the row images in the table's output layout ({@link CapturedTableSchema}).
 */
@PublicEvolving
public final class ChangeEvent {
    private final Op op;
    private final CapturedTableSchema table;
    private final RowData before;
    private final RowData after;
    private final long commitLsn;
    private final long commitTimeMicros;
    private final long xid;
    private final long lsn;
    private final long lastCommitLsn;
    private final boolean keyOnlyBefore;

    public ChangeEvent(
            Op op,
            CapturedTableSchema table,
            RowData before,
            RowData after,
            long commitLsn,
            long commitTimeMicros,
            long xid) {
        this(op, table, before, after, commitLsn, commitTimeMicros, xid, 0, 0, false);
    }

    private ChangeEvent(
            Op op,
            CapturedTableSchema table,
            RowData before,
            RowData after,
            long commitLsn,
            long commitTimeMicros,
            long xid,
            long lsn,
            long lastCommitLsn,
            boolean keyOnlyBefore) {
        this.keyOnlyBefore = keyOnlyBefore;
        this.lsn = lsn;
        this.lastCommitLsn = lastCommitLsn;
        this.op = op;
        this.table = table;
        this.before = before;
        this.after = after;
        this.commitLsn = commitLsn;
        this.commitTimeMicros = commitTimeMicros;
        this.xid = xid;
    }

    /** A row read by the snapshot. */
    public static ChangeEvent read(CapturedTableSchema table, RowData row) {
        return new ChangeEvent(Op.READ, table, null, row, 0, 0, 0);
    }

    /**
     * The same change at a WAL position: {@code lsn} of its own change message, {@code
     * lastCommitLsn} of the transaction committed before its own (Debezium's {@code sequence}).
     */
    public ChangeEvent at(long lsn, long lastCommitLsn) {
        return at(lsn, lastCommitLsn, keyOnlyBefore);
    }

    /**
     * The same change at a WAL position, saying whether the WAL carried only the key of the old row
     * (see {@link #hasWholeBefore()}).
     */
    public ChangeEvent at(long lsn, long lastCommitLsn, boolean keyOnlyBefore) {
        return new ChangeEvent(
                op,
                table,
                before,
                after,
                commitLsn,
                commitTimeMicros,
                xid,
                lsn,
                lastCommitLsn,
                keyOnlyBefore);
    }

    public Op op() {
        return op;
    }

    public CapturedTableSchema table() {
        return table;
    }

    public TableId tableId() {
        return table.id();
    }

    /** The old row (updates and deletes; only key columns unless REPLICA IDENTITY FULL). */
    public RowData before() {
        return before;
    }

    /** The new row (reads, inserts, updates). */
    public RowData after() {
        return after;
    }

    /**
     * Whether {@link #before()} is the whole old row: true for a delete or update whose WAL record
     * carried the old row (REPLICA IDENTITY FULL); false when it carried only the old key ({@code
     * 'K'}: the other columns are NULL in {@code before}) or no old row at all ({@code before} is
     * null: an update that kept the key under REPLICA IDENTITY DEFAULT or USING INDEX).
     */
    public boolean hasWholeBefore() {
        return before != null && !keyOnlyBefore;
    }

    public boolean isSnapshot() {
        return op == Op.READ;
    }

    /** The commit LSN of the transaction; 0 for snapshot rows. */
    public long commitLsn() {
        return commitLsn;
    }

    /** Commit time in microseconds since the Unix epoch; 0 for snapshot rows. */
    public long commitTimeMicros() {
        return commitTimeMicros;
    }

    /** The top-level transaction id; 0 for snapshot rows. */
    public long xid() {
        return xid;
    }

    /** The WAL position of this change's own message; 0 for snapshot rows or when unknown. */
    public long lsn() {
        return lsn;
    }

    /** The commit LSN of the transaction before this one; 0 when unknown. */
    public long lastCommitLsn() {
        return lastCommitLsn;
    }

    @Override
    public String toString() {
        return op + " " + table.id() + " before=" + before + " after=" + after;
    }
}
