package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.SplitFixtures;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Enumerator states of the shapes a running job checkpoints, for the enumerator tests. */
final class EnumeratorStates {
    static final long START_LSN = 0x1000;

    private EnumeratorStates() {}

    /** Set up with {@code chunks} unread chunks of {@code public.orders}, none assigned yet. */
    static NeonEnumeratorState planned(int chunks) {
        return midSnapshot(chunks, 0);
    }

    /** {@code total} chunks planned, the first {@code done} of them finished, none assigned. */
    static NeonEnumeratorState midSnapshot(int total, int done) {
        List<SnapshotSplit> remaining = new ArrayList<>();
        Map<String, FinishedChunk> finished = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            Long lower = i == 0 ? null : i * 100L;
            Long upper = i == total - 1 ? null : (i + 1) * 100L;
            if (i < done) {
                FinishedChunk c = finishedChunk(i, lower, upper);
                finished.put(c.splitId(), c);
            } else {
                remaining.add(SplitFixtures.chunk(i, lower, upper));
            }
        }
        return new NeonEnumeratorState(
                true, START_LSN, total, remaining, finished, false, -1, null);
    }

    /** Every chunk finished, the stream not assigned, the gate checkpoint as given (-1: none). */
    static NeonEnumeratorState snapshotDone(int total, long gateCheckpoint) {
        NeonEnumeratorState s = midSnapshot(total, total);
        return new NeonEnumeratorState(
                true, START_LSN, total, List.of(), s.finished(), false, gateCheckpoint, null);
    }

    static FinishedChunk finishedChunk(int index, Long lower, Long upper) {
        return SplitFixtures.finished(index, lower, upper, (100 + index) + ":110:", 0x1800 + index);
    }

    /** The finished chunk of {@link #midSnapshot} with this index. */
    static FinishedChunk finishedChunk(int index, int total) {
        return finishedChunk(
                index,
                index == 0 ? null : index * 100L,
                index == total - 1 ? null : (index + 1) * 100L);
    }

    static StreamSplit returnedStream() {
        return SplitFixtures.stream(0x3000, 0x3100, 4, List.of(finishedChunk(0, null, 100L)));
    }
}
