package io.neoncdc.postgres.snapshot;

import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.schema.CapturedTable;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;

/**
 * Decides which parts of a streamed change are emitted: all of them in pure streaming, or only
 * those the snapshot chunks did not already contain (the visibility filter of DESIGN §4).
 */
public interface StreamFilter {

    /** Emits every change unchanged. */
    StreamFilter NONE =
            (table, op, before, after, keys, lsn, commitTime, xid) ->
                    List.of(
                            new ChangeEvent(
                                    op, table.schema(), before, after, lsn, commitTime, xid));

    /** Whether any table is still filtered (keys are then needed in text form). */
    default boolean active() {
        return this != NONE;
    }

    /**
     * Whether the chunks already contain every effect this transaction had on the table (every
     * chunk snapshot of the table sees it), so the filter emits none of its changes. Events the
     * filter drops must not fail the job either: a TRUNCATE or an old column layout replayed from
     * the hand-over window (review §6).
     */
    default boolean inEveryChunk(CapturedTable table, long commitLsn, long xid) {
        return false;
    }

    List<ChangeEvent> apply(
            CapturedTable table,
            Op op,
            GenericRowData before,
            GenericRowData after,
            KeyText keys,
            long commitLsn,
            long commitTimeMicros,
            long xid);

    /** The text form of a change's key columns, extracted from the raw tuples on demand. */
    interface KeyText {
        /** The old row's key (the new row's when the key did not change). */
        String[] before(List<String> columns);

        String[] after(List<String> columns);
    }
}
