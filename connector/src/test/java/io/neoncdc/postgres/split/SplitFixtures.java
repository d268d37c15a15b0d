package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import java.util.List;

/** Hand-built splits, bounds and finished chunks shared by the split and enumerator tests. */
public final class SplitFixtures {
    public static final TableId ORDERS = new TableId("public", "orders");

    private SplitFixtures() {}

    /** Bounds {@code [lower, upper)} of a bigint key {@code id}; null is an open end. */
    public static ChunkBounds idBounds(TableId table, Long lower, Long upper) {
        return new ChunkBounds(
                table,
                List.of("id"),
                lower == null ? null : new String[] {lower.toString()},
                upper == null ? null : new String[] {upper.toString()});
    }

    /** An unread chunk of {@code public.orders} keyed by {@code id}. */
    public static SnapshotSplit chunk(int index, Long lower, Long upper) {
        return new SnapshotSplit(index, idBounds(ORDERS, lower, upper), null, null);
    }

    /** A finished chunk of {@code public.orders} read under the snapshot in text form. */
    public static FinishedChunk finished(
            int index, Long lower, Long upper, String snapshot, long walLsnAfterSnapshot) {
        return finished(ORDERS, index, lower, upper, snapshot, walLsnAfterSnapshot);
    }

    public static FinishedChunk finished(
            TableId table,
            int index,
            Long lower,
            Long upper,
            String snapshot,
            long walLsnAfterSnapshot) {
        return new FinishedChunk(
                SnapshotSplit.splitId(table, index),
                idBounds(table, lower, upper),
                VisibilitySnapshot.parse(snapshot),
                walLsnAfterSnapshot,
                10L * (index + 1));
    }

    /** The one place tests build a {@link StreamSplit}, so a new field changes one line. */
    public static StreamSplit stream(
            long lastCommitEndLsn,
            long txnFinalLsn,
            long txnEventsEmitted,
            List<FinishedChunk> chunks) {
        return new StreamSplit(lastCommitEndLsn, txnFinalLsn, txnEventsEmitted, chunks, 0);
    }
}
