package io.neoncdc.postgres.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.split.ChunksAckEvent;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NeonSourceEnumerator} assigns the stream split after the last chunk; with parallelism > 1
 * and aligned checkpoints gated on a checkpoint completed after it, at once with one subtask, and
 * on subtask 0 alone without aligned checkpoints.
 */
class NeonSourceEnumeratorStreamGateTest {
    private EnumeratorHarness h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void streamIsGatedOnACheckpointCompletedAfterTheLastChunk() throws Exception {
        h = harness(2, CheckpointMode.ALIGNED, EnumeratorStates.planned(2));
        h.request(0, 1);
        h.newAssignments();
        h.finishChunks(0, 2, 0);
        h.request(0);
        h.checkpoint(1);
        assertThat(h.newAssignments()).as("chunk 1 is still being read").isEmpty();
        h.finishChunks(1, 2, 1);
        h.request(1);
        assertThat(h.newAssignments()).containsExactly("0:stream");
        assertThat(h.gateEvents(0))
                .as("the owner holds the split until its next checkpoint completes")
                .isEqualTo(1);
        assertThat(h.gateEvents(1)).isZero();
        assertThat(h.noMoreSplits(1)).as("unbounded: idle readers wait, never finish").isFalse();
        assertThat(h.noMoreSplits(0)).isFalse();
        StreamSplit stream = h.lastAssigned().asStream();
        assertThat(stream.lastCommitEndLsn()).isEqualTo(EnumeratorStates.START_LSN);
        assertThat(stream.txnEventsEmitted()).isZero();
        assertThat(stream.chunks())
                .extracting(c -> c.splitId())
                .containsExactly("public.orders:chunk-0000", "public.orders:chunk-0001");
        h.request(1);
        assertThat(h.newAssignments()).isEmpty();
    }

    @Test
    void checkpointNotificationsNeverAssign() throws Exception {
        // A terminating savepoint's notification reaches tasks that are finishing: an assignment
        // sent from it would fail the stop-with-savepoint.
        h = harness(2, CheckpointMode.ALIGNED, EnumeratorStates.planned(2));
        h.request(0, 1);
        h.newAssignments();
        h.finishChunks(0, 2, 0);
        h.enumerator.snapshotState(4);
        h.finishChunks(1, 2, 1);
        h.enumerator.snapshotState(5);
        h.enumerator.notifyCheckpointComplete(4);
        h.enumerator.notifyCheckpointComplete(5);
        assertThat(h.newAssignments()).as("nobody asked").isEmpty();
        assertThat(h.context.getSentSourceEvent().get(0))
                .allMatch(e -> e instanceof ChunksAckEvent);
        h.request(1);
        assertThat(h.newAssignments()).containsExactly("1:stream");
        assertThat(h.gateEvents(1)).as("checkpoint 5 completed after the last chunk").isZero();
    }

    @Test
    void aGateRestoredFromACheckpointIsOpen() throws Exception {
        h = harness(3, CheckpointMode.UNKNOWN, EnumeratorStates.snapshotDone(2, 4));
        h.request(2);
        assertThat(h.newAssignments()).containsExactly("2:stream");
        assertThat(h.gateEvents(2)).isZero();
    }

    @Test
    void aRestoredSnapshotWithoutGateCheckpointIsGated() throws Exception {
        h = harness(3, CheckpointMode.UNKNOWN, EnumeratorStates.snapshotDone(2, -1));
        h.request(2);
        assertThat(h.newAssignments()).containsExactly("2:stream");
        assertThat(h.gateEvents(2)).isEqualTo(1);
    }

    @Test
    void oneSubtaskStreamsRightAfterItsLastChunk() throws Exception {
        h = harness(1, CheckpointMode.ALIGNED, EnumeratorStates.planned(2));
        h.request(0, 0);
        h.request(0);
        assertThat(h.newAssignments()).hasSize(2);
        h.finishChunks(0, 2, 0);
        assertThat(h.newAssignments()).isEmpty();
        h.finishChunks(0, 2, 1);
        assertThat(h.newAssignments()).containsExactly("0:stream");
        assertThat(h.gateEvents(0)).isZero();
    }

    @Test
    void withoutCheckpointsSubtaskZeroReadsEverythingAndStreams() throws Exception {
        assertSubtaskZeroOnly(CheckpointMode.DISABLED);
    }

    @Test
    void withUnalignedCheckpointsSubtaskZeroReadsEverythingAndStreams() throws Exception {
        assertSubtaskZeroOnly(CheckpointMode.UNALIGNED);
    }

    private void assertSubtaskZeroOnly(CheckpointMode mode) throws Exception {
        h = harness(3, mode, EnumeratorStates.planned(3));
        h.request(1, 2, 0, 0);
        assertThat(h.newAssignments())
                .containsExactly("0:public.orders:chunk-0000", "0:public.orders:chunk-0001");
        assertThat(h.noMoreSplits(1)).as("unbounded: idle readers wait, never finish").isFalse();
        assertThat(h.noMoreSplits(2)).as("unbounded: idle readers wait, never finish").isFalse();
        h.finishChunks(0, 3, 0, 1);
        h.request(0, 0);
        assertThat(h.newAssignments()).containsExactly("0:public.orders:chunk-0002");
        h.request(0);
        h.finishChunks(0, 3, 2);
        assertThat(h.newAssignments()).as("no checkpoint needed").containsExactly("0:stream");
        assertThat(h.gateEvents(0)).isZero();
    }

    @Test
    void returnedStreamIsAssignedAgainAsItWas() throws Exception {
        h = harness(2, CheckpointMode.ALIGNED, EnumeratorStates.snapshotDone(2, 3));
        h.request(1);
        assertThat(h.newAssignments()).containsExactly("1:stream");
        StreamSplit progressed = EnumeratorStates.returnedStream();
        h.enumerator.addSplitsBack(List.<NeonSplit>of(progressed), 1);
        h.request(0);
        assertThat(h.newAssignments()).containsExactly("0:stream");
        assertThat(h.lastAssigned()).isSameAs(progressed);
        assertThat(h.enumerator.snapshotState(9).returnedStream()).isNull();
    }

    @Test
    void streamOnlyModesStreamAtOnce() throws Exception {
        NeonEnumeratorState noChunks = EnumeratorStates.planned(0);
        h = harness(2, CheckpointMode.ALIGNED, StartupMode.LATEST_OFFSET, noChunks);
        h.request(1, 0);
        assertThat(h.newAssignments()).containsExactly("1:stream");
        assertThat(h.noMoreSplits(0)).as("unbounded: idle readers wait, never finish").isFalse();
        assertThat(h.lastAssigned().asStream().chunks()).isEmpty();
    }

    @Test
    void boundedSnapshotStreamsUpToTheLastChunkSnapshotThenEnds() throws Exception {
        h = harness(2, CheckpointMode.ALIGNED, StartupMode.SNAPSHOT, EnumeratorStates.planned(2));
        h.request(0, 1, 1);
        h.newAssignments();
        h.finishChunks(0, 2, 0);
        assertThat(h.noMoreSplits(1)).as("chunk 1 is still being read").isFalse();
        h.request(0);
        h.finishChunks(1, 2, 1);
        h.checkpoint(5);
        // A bounded stream split: it ends at the WAL position of the last chunk snapshot.
        assertThat(h.newAssignments()).hasSize(1);
        assertThat(h.lastAssigned().asStream().isBounded()).isTrue();
        assertThat(h.lastAssigned().asStream().stopLsn())
                .isEqualTo(
                        h.lastAssigned().asStream().chunks().stream()
                                .mapToLong(c -> c.walLsnAfterSnapshot())
                                .max()
                                .getAsLong());
        h.request(0, 1);
        assertThat(h.noMoreSplits(0)).isTrue();
        assertThat(h.noMoreSplits(1)).isTrue();
    }

    private static EnumeratorHarness harness(
            int parallelism, CheckpointMode mode, NeonEnumeratorState state) {
        return harness(parallelism, mode, StartupMode.INITIAL, state);
    }

    private static EnumeratorHarness harness(
            int parallelism, CheckpointMode mode, StartupMode startup, NeonEnumeratorState state) {
        return new EnumeratorHarness(parallelism, mode, startup, state);
    }
}
