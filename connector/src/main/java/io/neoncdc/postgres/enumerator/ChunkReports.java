package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.split.FinishedChunk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The finished-chunk reports the enumerator holds, each either <em>settled</em> (a completed
 * checkpoint has the chunk emitted in its reader's state, or the report came with the enumerator's
 * restored state) or <em>unsettled</em> (the reporting reader may still be restored to a checkpoint
 * taken before it emitted the chunk). Coordinator thread only.
 *
 * <p>Exactly-once: a report received before the enumerator's snapshot of checkpoint n was sent
 * before the reader's snapshot of n (Flink checkpoints coordinators before it injects barriers into
 * sources), so completing n settles it. A region failover restores readers to the last completed
 * checkpoint but keeps this enumerator; what a reader reported after that checkpoint is emitted
 * again, possibly under a new snapshot (a chunk read but still queued at the checkpoint is read
 * again). Those reports must be retracted, or the stream split is built with a stale snapshot and
 * may start before the re-read rows are downstream (issue 13 items 0 and 2).
 */
final class ChunkReports {
    private final Map<String, FinishedChunk> finished = new LinkedHashMap<>();

    /** Unsettled reports: split id → reporting subtask and the last snapshot before the report. */
    private final Map<String, long[]> unsettled = new LinkedHashMap<>();

    private long lastSnapshot = Long.MIN_VALUE;

    ChunkReports(Map<String, FinishedChunk> restored) {
        finished.putAll(restored);
    }

    /** What a report did. */
    enum Outcome {
        /** First report of the chunk. */
        NEW,
        /** Replaced an earlier, unsettled report. */
        REPLACED,
        /** Repeats a settled report (re-sent after a restore): acknowledge it now. */
        REPEATED
    }

    Outcome report(int subtask, FinishedChunk chunk) {
        FinishedChunk earlier = finished.get(chunk.splitId());
        if (earlier != null && !unsettled.containsKey(chunk.splitId()) && same(earlier, chunk)) {
            // Settled, so its rows are in a completed checkpoint and never re-read: a repeat.
            return Outcome.REPEATED;
        }
        finished.put(chunk.splitId(), chunk);
        unsettled.put(chunk.splitId(), new long[] {subtask, lastSnapshot});
        return earlier == null ? Outcome.NEW : Outcome.REPLACED;
    }

    private static boolean same(FinishedChunk a, FinishedChunk b) {
        return a.walLsnAfterSnapshot() == b.walLsnAfterSnapshot()
                && a.snapshot().toString().equals(b.snapshot().toString());
    }

    /** The enumerator snapshotted checkpoint {@code checkpointId}. */
    void snapshotTaken(long checkpointId) {
        lastSnapshot = Math.max(lastSnapshot, checkpointId);
    }

    /**
     * Checkpoint {@code checkpointId} completed: the reports received before its enumerator
     * snapshot are settled. Returns their split ids by reporting subtask, to acknowledge.
     */
    Map<Integer, List<String>> settle(long checkpointId) {
        Map<Integer, List<String>> acks = new TreeMap<>();
        for (Iterator<Map.Entry<String, long[]>> it = unsettled.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, long[]> e = it.next();
            if (e.getValue()[1] < checkpointId) {
                acks.computeIfAbsent((int) e.getValue()[0], k -> new ArrayList<>()).add(e.getKey());
                it.remove();
            }
        }
        return acks;
    }

    /**
     * The subtask is restored to the last completed checkpoint: its unsettled reports are removed
     * and returned. Removing one that checkpoint did settle (its completion not yet heard of) is
     * safe: it was not acknowledged, so the reader's restored state still has it and re-sends it.
     */
    List<FinishedChunk> retract(int subtask) {
        List<FinishedChunk> retracted = new ArrayList<>();
        for (Iterator<Map.Entry<String, long[]>> it = unsettled.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, long[]> e = it.next();
            if (e.getValue()[0] == subtask) {
                retracted.add(finished.remove(e.getKey()));
                it.remove();
            }
        }
        return retracted;
    }

    /** Removes a chunk's report (the chunk itself came back to be read again), or null. */
    FinishedChunk remove(String splitId) {
        unsettled.remove(splitId);
        return finished.remove(splitId);
    }

    /** Removes every report of the table (it is read again); returns them. */
    List<FinishedChunk> removeTable(io.neoncdc.postgres.catalog.TableId table) {
        List<FinishedChunk> removed = new ArrayList<>();
        for (Iterator<FinishedChunk> it = finished.values().iterator(); it.hasNext(); ) {
            FinishedChunk c = it.next();
            if (c.bounds().table().equals(table)) {
                removed.add(c);
                unsettled.remove(c.splitId());
                it.remove();
            }
        }
        return removed;
    }

    boolean anyUnsettled(Predicate<FinishedChunk> which) {
        return unsettled.keySet().stream().map(finished::get).anyMatch(which);
    }

    int size() {
        return finished.size();
    }

    /** Every report, settled or not (unsettled ones are retracted or settled before they count). */
    Map<String, FinishedChunk> all() {
        return finished;
    }

    void clear() {
        finished.clear();
        unsettled.clear();
    }
}
