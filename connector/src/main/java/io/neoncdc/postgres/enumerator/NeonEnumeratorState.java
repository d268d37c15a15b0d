package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the enumerator must remember across failover: whether setup ran, the chunks not yet
 * assigned, the finished chunks with their snapshots, the plans of tables without a key, and the
 * stream split's progress.
 */
public final class NeonEnumeratorState {
    private final boolean initialized;
    private final long streamStartLsn;
    private final int totalChunks;
    private final List<SnapshotSplit> remaining;
    private final Map<String, FinishedChunk> finished;
    private final boolean streamAssigned;
    private final long streamGateCheckpoint;
    private final StreamSplit returnedStream;
    private final Map<TableId, KeylessPlan> keylessPlans;

    public NeonEnumeratorState(
            boolean initialized,
            long streamStartLsn,
            int totalChunks,
            List<SnapshotSplit> remaining,
            Map<String, FinishedChunk> finished,
            boolean streamAssigned,
            long streamGateCheckpoint,
            StreamSplit returnedStream) {
        this(
                initialized,
                streamStartLsn,
                totalChunks,
                remaining,
                finished,
                streamAssigned,
                streamGateCheckpoint,
                returnedStream,
                Map.of());
    }

    public NeonEnumeratorState(
            boolean initialized,
            long streamStartLsn,
            int totalChunks,
            List<SnapshotSplit> remaining,
            Map<String, FinishedChunk> finished,
            boolean streamAssigned,
            long streamGateCheckpoint,
            StreamSplit returnedStream,
            Map<TableId, KeylessPlan> keylessPlans) {
        this.initialized = initialized;
        this.streamStartLsn = streamStartLsn;
        this.totalChunks = totalChunks;
        this.remaining = new ArrayList<>(remaining);
        this.finished = new LinkedHashMap<>(finished);
        this.streamAssigned = streamAssigned;
        this.streamGateCheckpoint = streamGateCheckpoint;
        this.returnedStream = returnedStream;
        this.keylessPlans = new LinkedHashMap<>(keylessPlans);
    }

    public static NeonEnumeratorState empty() {
        return new NeonEnumeratorState(false, 0, 0, List.of(), Map.of(), false, -1, null);
    }

    public boolean initialized() {
        return initialized;
    }

    /** Where the stream starts when it is first assigned. */
    public long streamStartLsn() {
        return streamStartLsn;
    }

    public int totalChunks() {
        return totalChunks;
    }

    public List<SnapshotSplit> remaining() {
        return remaining;
    }

    public Map<String, FinishedChunk> finished() {
        return finished;
    }

    public boolean streamAssigned() {
        return streamAssigned;
    }

    /**
     * The first checkpoint taken after every chunk finished (-1 while unknown): once it completes,
     * all snapshot rows are downstream and the stream may start.
     */
    public long streamGateCheckpoint() {
        return streamGateCheckpoint;
    }

    /** A stream split handed back by a failed reader, to assign again as it is; or null. */
    public StreamSplit returnedStream() {
        return returnedStream;
    }

    /** The current read of each table chunked by page ranges (empty in version 1 states). */
    public Map<TableId, KeylessPlan> keylessPlans() {
        return keylessPlans;
    }
}
