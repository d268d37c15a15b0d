package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.ResyncChunks;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream position as of the last emitted record: transactions up to {@code lastCommitEndLsn}
 * are complete; of the transaction ending at {@code txnFinalLsn}, {@code txnEvents} change events
 * went out.
 */
public final class StreamSplitState implements NeonSplitState {
    private long lastCommitEndLsn;
    private long txnFinalLsn;
    private long txnEvents;
    private final List<FinishedChunk> chunks;
    private final long stopLsn;
    private boolean slotLost;
    private final ArrayDeque<SnapshotSplit> pending;
    private final Set<TableId> known;
    private SnapshotSplitState current;
    private ResyncChunks resync;
    private boolean currentIsResync;

    StreamSplitState(StreamSplit split) {
        this.stopLsn = split.stopLsn();
        this.lastCommitEndLsn = split.lastCommitEndLsn();
        this.txnFinalLsn = split.txnFinalLsn();
        this.txnEvents = split.txnEventsEmitted();
        this.chunks = new ArrayList<>(split.chunks());
        this.pending = new ArrayDeque<>(split.pendingChunks());
        this.known = split.knownTables() == null ? null : new HashSet<>(split.knownTables());
        this.resync = split.resync();
    }

    /** The re-snapshot chunks as the fetcher has them now. */
    void resync(ResyncChunks now) {
        resync = now;
        if (currentIsResync) {
            current = null;
            currentIsResync = false;
        }
    }

    /** The head re-snapshot chunk's rows follow (a checkpoint keeps those not emitted). */
    void resyncRead(ReadChunkRows rows) {
        current = new SnapshotSplitState(resync.chunks().get(0));
        current.chunkRead(rows);
        currentIsResync = true;
    }

    /** Chunks of tables that joined while streaming: the stream reads them in this order. */
    void chunksPlanned(List<SnapshotSplit> planned) {
        pending.addAll(planned);
        if (known != null) {
            planned.forEach(c -> known.add(c.table()));
        }
    }

    /**
     * The tables the stream has a snapshot of, changed without chunks: a table renamed while
     * streaming is known under its new name, so a restore does not snapshot it again (review §5);
     * tables the capture list no longer matches are forgotten, so one that comes back is
     * snapshotted again (review §9).
     */
    void knownTables(Set<TableId> now) {
        if (known != null) {
            known.clear();
            known.addAll(now);
        }
    }

    /** The head pending chunk was read; its rows follow (a checkpoint keeps those not emitted). */
    void chunkRead(ReadChunkRows rows) {
        currentIsResync = false;
        current = new SnapshotSplitState(pending.peek());
        current.chunkRead(rows);
    }

    /** A row of the chunk being emitted: a joining table's or a re-snapshot's, never both. */
    void chunkRowEmitted() {
        current.rowEmitted();
    }

    void chunkDone(FinishedChunk done) {
        chunks.add(done);
        pending.poll();
        current = null;
    }

    void eventEmitted(long finalLsn) {
        if (finalLsn != txnFinalLsn) {
            txnFinalLsn = finalLsn;
            txnEvents = 0;
        }
        txnEvents++;
    }

    void committed(long endLsn) {
        lastCommitEndLsn = Math.max(lastCommitEndLsn, endLsn);
        txnFinalLsn = 0;
        txnEvents = 0;
    }

    void advanced(long lsn) {
        lastCommitEndLsn = Math.max(lastCommitEndLsn, lsn);
    }

    void slotLost() {
        slotLost = true;
    }

    /** Whether this stream ended because the slot lost changes it needed (resnapshot). */
    boolean isSlotLost() {
        return slotLost;
    }

    public long lastCommitEndLsn() {
        return lastCommitEndLsn;
    }

    @Override
    public StreamSplit toSplit() {
        List<SnapshotSplit> chunksToRead = new ArrayList<>(pending);
        ResyncChunks resyncToRead = resync;
        // Read but partly emitted: its remaining rows travel in the state, never re-read.
        if (current != null && currentIsResync) {
            resyncToRead = resync.withHead(current.toSplit());
        } else if (current != null && !chunksToRead.isEmpty()) {
            chunksToRead.set(0, current.toSplit());
        }
        return new StreamSplit(
                lastCommitEndLsn,
                txnFinalLsn,
                txnEvents,
                liveChunks(),
                stopLsn,
                chunksToRead,
                known,
                resyncToRead);
    }

    /**
     * Chunks whose snapshots can still matter. A snapshot sees only transactions whose commit ended
     * before the WAL position recorded right after it was taken, so once the stream is past the
     * largest such position of a table, no later change of that table can be in any of its chunks
     * and its filter state is dropped.
     *
     * <p>A table with chunks still to read (it joined while streaming) keeps every finished chunk:
     * a chunk not read yet is taken later, under a snapshot that sees every transaction to come, so
     * the table is not past its snapshots. Dropping a finished chunk there would, after a restore,
     * let the remaining chunks' ranges stand for its keys and suppress their changes, which no
     * chunk reads again (review §1).
     */
    private List<FinishedChunk> liveChunks() {
        if (chunks.isEmpty()) {
            return chunks;
        }
        Map<Object, Long> maxLsn = new HashMap<>();
        for (FinishedChunk c : chunks) {
            maxLsn.merge(c.bounds().table(), c.walLsnAfterSnapshot(), Math::max);
        }
        for (SnapshotSplit unread : pending) {
            maxLsn.put(unread.table(), Long.MAX_VALUE);
        }
        List<FinishedChunk> live = new ArrayList<>();
        for (FinishedChunk c : chunks) {
            if (maxLsn.get(c.bounds().table()) > lastCommitEndLsn) {
                live.add(c);
            }
        }
        return live;
    }
}
