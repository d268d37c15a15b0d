package io.neoncdc.postgres.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SplitFixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunk handed back by a failed reader (region failover: the enumerator keeps its state) is read
 * again, so its earlier report no longer counts: a stream split held behind its gate is taken back,
 * and the stream waits for the new report and a checkpoint after it, and filters by the snapshot of
 * the new read.
 */
class NeonSourceEnumeratorFailoverTest {
    private EnumeratorHarness h;

    @BeforeEach
    void readBothChunks() {
        h =
                new EnumeratorHarness(
                        2,
                        CheckpointMode.ALIGNED,
                        StartupMode.INITIAL,
                        EnumeratorStates.planned(2));
        h.request(0, 1);
        h.newAssignments();
        h.finishChunks(0, 2, 0);
        h.finishChunks(1, 2, 1);
        h.request(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void aChunkReadAgainRevokesTheHeldStreamSplit() throws Exception {
        assertThat(h.newAssignments()).containsExactly("0:stream");
        assertThat(h.gateEvents(0)).as("held until a checkpoint completes").isEqualTo(1);
        h.enumerator.addSplitsBack(List.<NeonSplit>of(SplitFixtures.chunk(1, 100L, null)), 1);
        assertThat(h.revokeEvents(0)).as("its filter has chunk 1's old snapshot").isEqualTo(1);
        h.request(1);
        assertThat(h.newAssignments())
                .as("reader 0 waited longest")
                .containsExactly("0:public.orders:chunk-0001");
        h.checkpoint(6);
        assertThat(h.newAssignments()).as("chunk 1 is being read again").isEmpty();
        FinishedChunk reread = SplitFixtures.finished(1, 100L, null, "300:310:", 0x9000);
        h.finish(0, reread);
        assertThat(h.newAssignments()).containsExactly("1:stream");
        assertThat(h.gateEvents(1)).as("checkpoint 6 predates the new report").isEqualTo(1);
        assertThat(h.lastAssigned().asStream().chunks())
                .filteredOn(c -> c.splitId().equals(reread.splitId()))
                .extracting(FinishedChunk::snapshot)
                .containsExactly(reread.snapshot());
    }

    @Test
    void aGateCheckpointTakenBeforeTheFailureDoesNotOpenForTheReread() throws Exception {
        h.enumerator.snapshotState(5); // every chunk reported: the gate candidate
        h.enumerator.addSplitsBack(List.<NeonSplit>of(SplitFixtures.chunk(1, 100L, null)), 1);
        h.enumerator.notifyCheckpointComplete(5);
        h.request(1);
        h.newAssignments();
        h.finish(0, SplitFixtures.finished(1, 100L, null, "300:310:", 0x9000));
        assertThat(h.newAssignments()).containsExactly("1:stream");
        assertThat(h.gateEvents(1))
                .as("checkpoint 5 was taken before chunk 1 was read again")
                .isEqualTo(1);
    }

    @Test
    void aStreamSplitReturnedBehindTheGateIsBuiltAgain() throws Exception {
        assertThat(h.newAssignments()).containsExactly("0:stream");
        h.enumerator.addSplitsBack(
                List.<NeonSplit>of(h.lastAssigned(), SplitFixtures.chunk(1, 100L, null)), 0);
        assertThat(h.revokeEvents(0)).as("the owner itself failed").isZero();
        h.request(0, 1);
        FinishedChunk reread = SplitFixtures.finished(1, 100L, null, "300:310:", 0x9000);
        // No checkpoint covers subtask 0's report of chunk 0: its restored state sends it again.
        h.finish(0, EnumeratorStates.finishedChunk(0, 2), reread);
        assertThat(h.newAssignments()).containsExactly("0:public.orders:chunk-0001", "1:stream");
        assertThat(h.lastAssigned().asStream().chunks())
                .filteredOn(c -> c.splitId().equals(reread.splitId()))
                .extracting(FinishedChunk::snapshot)
                .containsExactly(reread.snapshot());
    }
}
