package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The snapshot's chunks as the enumerator knows them: how many are planned, which are not assigned
 * yet, which are reported finished (see {@link ChunkReports}), and the progress metrics that follow
 * them. Coordinator thread only.
 */
final class SnapshotChunks {
    private final ArrayDeque<SnapshotSplit> remaining = new ArrayDeque<>();
    private final ChunkReports finished;
    private final SnapshotProgress progress;
    private int total;

    SnapshotChunks(NeonEnumeratorState state, SnapshotProgress progress) {
        this.total = state.totalChunks();
        this.remaining.addAll(state.remaining());
        this.finished = new ChunkReports(state.finished());
        this.progress = progress;
        progress.restored(total, finished.all().values());
    }

    void planned(List<SnapshotSplit> chunks) {
        total = chunks.size();
        remaining.addAll(chunks);
        progress.planned(chunks);
    }

    void clear() {
        remaining.clear();
        finished.clear();
        total = 0;
    }

    int total() {
        return total;
    }

    boolean hasRemaining() {
        return !remaining.isEmpty();
    }

    SnapshotSplit poll() {
        return remaining.poll();
    }

    List<SnapshotSplit> remaining() {
        return new ArrayList<>(remaining);
    }

    /** Every reported chunk (unsettled reports are retracted or settled before they matter). */
    Map<String, FinishedChunk> reports() {
        return finished.all();
    }

    /** Whether every planned chunk is reported finished. */
    boolean allFinished() {
        return remaining.isEmpty() && finished.size() >= total;
    }

    /** A reader reported a chunk: counted once, by its latest report. */
    ChunkReports.Outcome report(int subtask, FinishedChunk chunk) {
        FinishedChunk earlier = finished.all().get(chunk.splitId());
        ChunkReports.Outcome outcome = finished.report(subtask, chunk);
        if (outcome != ChunkReports.Outcome.REPEATED) {
            if (earlier != null) {
                progress.retracted(earlier);
            }
            progress.finished(chunk);
        }
        return outcome;
    }

    /** The subtask restarts from its last completed checkpoint: its unsettled reports go. */
    List<FinishedChunk> retract(int subtask) {
        List<FinishedChunk> stale = finished.retract(subtask);
        stale.forEach(progress::retracted);
        return stale;
    }

    /**
     * A chunk came back to be read again: first in line, and its report (if any) no longer counts.
     */
    void returned(SnapshotSplit chunk) {
        remaining.addFirst(chunk);
        FinishedChunk reported = finished.remove(chunk.splitId());
        if (reported != null) {
            progress.retracted(reported);
        }
    }

    /**
     * The table is read again: its chunks and reports are replaced by {@code chunks}, and the plan
     * grows by {@code delta} chunks. Returns the reports dropped.
     */
    List<FinishedChunk> replaceTable(TableId table, List<SnapshotSplit> chunks, int delta) {
        remaining.removeIf(s -> s.table().equals(table));
        List<FinishedChunk> dropped = finished.removeTable(table);
        dropped.forEach(progress::retracted);
        total += delta;
        for (int i = chunks.size() - 1; i >= 0; i--) {
            remaining.addFirst(chunks.get(i));
        }
        progress.replanned(table, delta, chunks.size());
        return dropped;
    }

    /**
     * Whether all {@code chunks} chunks of the table are reported, none is waiting to be assigned,
     * and every report is settled (in a completed checkpoint).
     */
    boolean tableSettled(TableId table, int chunks) {
        long reported =
                finished.all().values().stream()
                        .filter(c -> c.bounds().table().equals(table))
                        .count();
        return reported >= chunks
                && remaining.stream().noneMatch(s -> s.table().equals(table))
                && !finished.anyUnsettled(c -> c.bounds().table().equals(table));
    }

    void snapshotTaken(long checkpointId) {
        finished.snapshotTaken(checkpointId);
    }

    /** Settles the reports checkpoint {@code id} covers; returns them by subtask to acknowledge. */
    Map<Integer, List<String>> settle(long id) {
        return finished.settle(id);
    }

    Collection<FinishedChunk> reportedChunks() {
        return finished.all().values();
    }
}
