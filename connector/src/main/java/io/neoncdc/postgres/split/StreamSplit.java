package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.pgoutput.Lsn;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The single change stream: where to resume and what the snapshot filter still needs.
 *
 * <p>Exactly-once position: every transaction whose commit ends at or before {@code
 * lastCommitEndLsn} has been emitted completely; of the transaction whose final LSN is {@code
 * txnFinalLsn}, the first {@code txnEventsEmitted} change events have been emitted. A restore
 * starts replication at {@code lastCommitEndLsn} and skips exactly those events.
 */
@Internal
public final class StreamSplit implements NeonSplit {
    public static final String ID = "stream";

    private final long lastCommitEndLsn;
    private final long txnFinalLsn;
    private final long txnEventsEmitted;
    private final List<FinishedChunk> chunks;
    private final long stopLsn;
    private final List<SnapshotSplit> pendingChunks;
    private final Set<TableId> knownTables;
    private final ResyncChunks resync;

    public StreamSplit(
            long lastCommitEndLsn,
            long txnFinalLsn,
            long txnEventsEmitted,
            List<FinishedChunk> chunks,
            long stopLsn) {
        this(lastCommitEndLsn, txnFinalLsn, txnEventsEmitted, chunks, stopLsn, List.of(), null);
    }

    /**
     * @param pendingChunks chunks of tables that joined the capture while streaming, read by the
     *     stream reader between transactions; the first may carry rows read but not yet emitted
     * @param knownTables the captured tables the stream has a snapshot for (or planned one); null
     *     when tables that join later are not snapshotted (stream-only startup modes)
     */
    public StreamSplit(
            long lastCommitEndLsn,
            long txnFinalLsn,
            long txnEventsEmitted,
            List<FinishedChunk> chunks,
            long stopLsn,
            List<SnapshotSplit> pendingChunks,
            Set<TableId> knownTables) {
        this(
                lastCommitEndLsn,
                txnFinalLsn,
                txnEventsEmitted,
                chunks,
                stopLsn,
                pendingChunks,
                knownTables,
                ResyncChunks.NONE);
    }

    /**
     * @param resync chunks an execute-snapshot signal asked for, read again while streaming
     */
    public StreamSplit(
            long lastCommitEndLsn,
            long txnFinalLsn,
            long txnEventsEmitted,
            List<FinishedChunk> chunks,
            long stopLsn,
            List<SnapshotSplit> pendingChunks,
            Set<TableId> knownTables,
            ResyncChunks resync) {
        this.resync = resync;
        this.lastCommitEndLsn = lastCommitEndLsn;
        this.txnFinalLsn = txnFinalLsn;
        this.txnEventsEmitted = txnEventsEmitted;
        this.chunks = List.copyOf(chunks);
        this.stopLsn = stopLsn;
        this.pendingChunks = List.copyOf(pendingChunks);
        this.knownTables = knownTables == null ? null : Set.copyOf(knownTables);
    }

    public List<SnapshotSplit> pendingChunks() {
        return pendingChunks;
    }

    public ResyncChunks resync() {
        return resync;
    }

    /**
     * This split without the tables {@code captured} no longer selects (a narrower capture list
     * after a restore), known or pending: if one is captured again later it is snapshotted again,
     * instead of silently missing the changes made while it was not captured (review §9).
     */
    public StreamSplit forgetting(java.util.function.Predicate<TableId> captured) {
        if (knownTables == null
                || (knownTables.stream().allMatch(captured)
                        && pendingChunks.stream().allMatch(c -> captured.test(c.table())))) {
            return this;
        }
        Set<TableId> known = new java.util.HashSet<>(knownTables);
        known.removeIf(captured.negate());
        List<SnapshotSplit> pending = new java.util.ArrayList<>(pendingChunks);
        pending.removeIf(c -> !captured.test(c.table()));
        return new StreamSplit(
                lastCommitEndLsn,
                txnFinalLsn,
                txnEventsEmitted,
                chunks,
                stopLsn,
                pending,
                known,
                resync);
    }

    /** Tables with a snapshot (done or planned); null when new tables are not snapshotted. */
    public Set<TableId> knownTables() {
        return knownTables;
    }

    @Override
    public String splitId() {
        return ID;
    }

    @Override
    public boolean isStream() {
        return true;
    }

    public long lastCommitEndLsn() {
        return lastCommitEndLsn;
    }

    public long txnFinalLsn() {
        return txnFinalLsn;
    }

    public long txnEventsEmitted() {
        return txnEventsEmitted;
    }

    /** The read chunks whose visibility snapshots still filter the stream (§4 of the design). */
    public List<FinishedChunk> chunks() {
        return chunks;
    }

    /**
     * Where a bounded stream ends (0: unbounded): the bounded {@code snapshot} mode streams the
     * changes up to the WAL position of its last chunk snapshot, so its output is the tables as of
     * that one point, not a mix of chunk snapshots.
     */
    public long stopLsn() {
        return stopLsn;
    }

    public boolean isBounded() {
        return stopLsn > 0;
    }

    @Override
    public String toString() {
        return "stream from "
                + Lsn.format(lastCommitEndLsn)
                + (txnEventsEmitted > 0
                        ? " skipping "
                                + txnEventsEmitted
                                + " events of txn ending "
                                + Lsn.format(txnFinalLsn)
                        : "")
                + (chunks.isEmpty() ? "" : ", filtering by " + chunks.size() + " chunk snapshots");
    }
}
