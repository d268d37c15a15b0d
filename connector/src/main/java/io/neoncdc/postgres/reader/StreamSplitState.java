package io.neoncdc.postgres.reader;

import io.neoncdc.postgres.snapshot.FinishedChunk;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    StreamSplitState(StreamSplit split) {
        this.stopLsn = split.stopLsn();
        this.lastCommitEndLsn = split.lastCommitEndLsn();
        this.txnFinalLsn = split.txnFinalLsn();
        this.txnEvents = split.txnEventsEmitted();
        this.chunks = split.chunks();
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
        return new StreamSplit(lastCommitEndLsn, txnFinalLsn, txnEvents, liveChunks(), stopLsn);
    }

    /**
     * Chunks whose snapshots can still matter. A snapshot sees only transactions whose commit ended
     * before the WAL position recorded right after it was taken, so once the stream is past the
     * largest such position of a table, no later change of that table can be in any of its chunks
     * and its filter state is dropped.
     */
    private List<FinishedChunk> liveChunks() {
        if (chunks.isEmpty()) {
            return chunks;
        }
        Map<Object, Long> maxLsn = new HashMap<>();
        for (FinishedChunk c : chunks) {
            maxLsn.merge(c.bounds().table(), c.walLsnAfterSnapshot(), Math::max);
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
