package io.neoncdc.postgres.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.StartupMode;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link NeonSourceEnumerator} restored from its serialized checkpoint continues where the old
 * one stopped: unassigned chunks, finished chunks, and an already passed stream gate.
 */
class NeonSourceEnumeratorRestoreTest {
    private static final NeonEnumeratorStateSerializer SERIALIZER =
            new NeonEnumeratorStateSerializer();

    private EnumeratorHarness before;
    private EnumeratorHarness after;

    @AfterEach
    void close() throws Exception {
        before.close();
        if (after != null) {
            after.close();
        }
    }

    @Test
    void midSnapshotRestoreAssignsOnlyUnassignedChunks() throws Exception {
        before = harness(EnumeratorStates.planned(3));
        before.request(0, 1);
        before.finishChunks(0, 3, 0);
        after = harness(restore(before.checkpoint(1)));
        after.request(0, 1);
        assertThat(after.newAssignments())
                .as("chunk 1 is restored with reader 1's own state")
                .containsExactly("0:public.orders:chunk-0002");
        after.finishChunks(1, 3, 1);
        after.finishChunks(0, 3, 2);
        after.request(0, 1);
        assertThat(after.newAssignments())
                .as("reader 1 waited longest")
                .containsExactly("1:stream");
        assertThat(after.gateEvents(1)).isEqualTo(1);
        assertThat(after.lastAssigned().asStream().chunks()).hasSize(3);
    }

    @Test
    void restoredGateCheckpointHasCompleted() throws Exception {
        before = harness(EnumeratorStates.planned(1));
        before.request(0);
        before.finishChunks(0, 1, 0);
        NeonEnumeratorState state = before.enumerator.snapshotState(7);
        assertThat(state.streamGateCheckpoint()).isEqualTo(7);
        // Failover before the completion notification: the restore is from checkpoint 7.
        after = harness(restore(state));
        after.request(1);
        assertThat(after.newAssignments()).containsExactly("1:stream");
        assertThat(after.gateEvents(1)).isZero();
    }

    @Test
    void restoredAssignedStreamIsNotAssignedAgain() throws Exception {
        before = harness(EnumeratorStates.snapshotDone(2, 3));
        before.request(0);
        assertThat(before.newAssignments()).containsExactly("0:stream");
        after = harness(restore(before.checkpoint(8)));
        after.request(1, 0);
        assertThat(after.newAssignments()).isEmpty();
        assertThat(after.noMoreSplits(0))
                .as("unbounded: idle readers wait, never finish")
                .isFalse();
        assertThat(after.noMoreSplits(1))
                .as("unbounded: idle readers wait, never finish")
                .isFalse();
    }

    @Test
    void checkpointBeforeTheLastReportRestoresAClosedGate() throws Exception {
        before = harness(EnumeratorStates.planned(2));
        before.request(0, 1);
        before.finishChunks(0, 2, 0);
        after = harness(restore(before.checkpoint(1)));
        after.finishChunks(1, 2, 1);
        after.request(0);
        assertThat(after.newAssignments()).containsExactly("0:stream");
        assertThat(after.gateEvents(0)).as("checkpoint 1 predates the last report").isEqualTo(1);
    }

    private static NeonEnumeratorState restore(NeonEnumeratorState state) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state));
    }

    private static EnumeratorHarness harness(NeonEnumeratorState state) {
        return new EnumeratorHarness(2, CheckpointMode.ALIGNED, StartupMode.INITIAL, state);
    }
}
