package io.neoncdc.postgres.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.SplitFixtures;
import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NeonSourceEnumerator} hands out chunks one per request, takes back the splits of a failed
 * reader, and records (and acknowledges) finished chunks, the latest report winning.
 */
class NeonSourceEnumeratorAssignmentTest {
    private static final String C0 = "public.orders:chunk-0000";
    private static final String C1 = "public.orders:chunk-0001";
    private static final String C2 = "public.orders:chunk-0002";

    private EnumeratorHarness h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void assignsOneChunkPerRequestInPlanOrder() {
        h = aligned(2, EnumeratorStates.planned(3));
        h.request(0);
        assertThat(h.newAssignments()).containsExactly("0:" + C0);
        h.request(1, 0);
        assertThat(h.newAssignments()).containsExactly("1:" + C1, "0:" + C2);
        h.request(1);
        assertThat(h.newAssignments()).as("nothing left: the reader waits").isEmpty();
        assertThat(h.noMoreSplits(1)).isFalse();
    }

    @Test
    void waitingReaderGetsAChunkReturnedByAFailedReader() {
        h = aligned(2, EnumeratorStates.planned(2));
        h.request(0, 0, 1);
        assertThat(h.newAssignments()).containsExactly("0:" + C0, "0:" + C1);
        h.enumerator.addSplitsBack(List.of(SplitFixtures.chunk(1, 100L, null)), 0);
        h.request(0);
        assertThat(h.newAssignments())
                .as("the reader that waited longest goes first")
                .containsExactly("1:" + C1);
        h.enumerator.addSplitsBack(List.of(h.lastAssigned()), 1);
        h.request(1);
        assertThat(h.newAssignments()).containsExactly("0:" + C1);
    }

    @Test
    void ignoresRequestsOfReadersThatAreGone() {
        h = aligned(2, EnumeratorStates.planned(2));
        h.context.unregisterReader(1);
        h.request(1, 0);
        assertThat(h.newAssignments()).containsExactly("0:" + C0);
    }

    @Test
    void acknowledgesFinishedChunksToTheirReaderOnceACheckpointSettlesThem() throws Exception {
        h = aligned(2, EnumeratorStates.planned(3));
        h.request(0, 1);
        h.enumerator.snapshotState(3);
        h.finishChunks(1, 3, 1);
        h.finish(0, EnumeratorStates.finishedChunk(0, 3), EnumeratorStates.finishedChunk(2, 3));
        assertThat(h.acks(0)).as("a restore may still re-emit them").isEmpty();
        h.enumerator.snapshotState(4);
        h.enumerator.notifyCheckpointComplete(3);
        assertThat(h.acks(1)).as("checkpoint 3 predates the reports").isEmpty();
        h.enumerator.notifyCheckpointComplete(4);
        assertThat(h.acks(1)).containsExactly(List.of(C1));
        assertThat(h.acks(0)).containsExactly(List.of(C0, C2));
    }

    @Test
    void aResentReportReplacesTheEarlierOne() throws Exception {
        h = aligned(2, EnumeratorStates.planned(2));
        h.request(0, 1);
        h.finishChunks(0, 2, 0);
        FinishedChunk reread = SplitFixtures.finished(0, null, 100L, "200:210:205", 0x9000);
        h.finish(1, reread);
        h.finishChunks(1, 2, 1);
        NeonEnumeratorState state = h.enumerator.snapshotState(1);
        assertThat(state.finished()).hasSize(2);
        assertThat(state.finished().get(C0).snapshot()).isEqualTo(reread.snapshot());
        assertThat(state.finished().keySet()).containsExactly(C0, C1);
        h.enumerator.notifyCheckpointComplete(1);
        assertThat(h.acks(1)).containsExactly(List.of(C0, C1));
    }

    @Test
    void ignoresOtherSourceEvents() throws Exception {
        h = aligned(1, EnumeratorStates.planned(1));
        h.enumerator.handleSourceEvent(0, new SourceEvent() {});
        assertThat(h.acks(0)).isEmpty();
    }

    @Test
    void waitsForSetupBeforeAssigningAnything() throws Exception {
        h = aligned(2, NeonEnumeratorState.empty());
        h.request(0, 1);
        assertThat(h.newAssignments()).isEmpty();
        assertThat(h.noMoreSplits(0)).isFalse();
        assertThat(h.context.getOneTimeCallables()).as("the setup, not run here").hasSize(1);
    }

    private static EnumeratorHarness aligned(int parallelism, NeonEnumeratorState state) {
        return new EnumeratorHarness(
                parallelism, CheckpointMode.ALIGNED, StartupMode.INITIAL, state);
    }
}
