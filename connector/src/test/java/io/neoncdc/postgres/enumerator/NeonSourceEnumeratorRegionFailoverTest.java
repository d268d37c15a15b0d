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
 * Issue 13 item 2 (review §2): a region failover restores a reader to the last completed checkpoint
 * and Flink returns only the splits assigned after it. A chunk assigned before that checkpoint and
 * reported after it comes back inside the reader's own state and is read again (a chunk read but
 * still queued at the checkpoint is read under a new snapshot), so its report must stop counting on
 * the reset, which Flink signals with {@code addSplitsBack} and no split.
 */
class NeonSourceEnumeratorRegionFailoverTest {
    private static final String C1 = "public.orders:chunk-0001";
    private EnumeratorHarness h;

    /** Both chunks assigned before checkpoint 5 completes; both reported after it. */
    @BeforeEach
    void assignBeforeCheckpointReportAfter() {
        h =
                new EnumeratorHarness(
                        2,
                        CheckpointMode.ALIGNED,
                        StartupMode.INITIAL,
                        EnumeratorStates.planned(2));
        h.request(0, 1);
        h.newAssignments();
        h.checkpoint(5);
        h.finishChunks(0, 2, 0);
        h.finishChunks(1, 2, 1);
        h.request(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void aReaderRestoredWithoutReturnedSplitsRetractsItsReportsSinceTheCheckpoint()
            throws Exception {
        assertThat(h.newAssignments()).containsExactly("0:stream");
        h.enumerator.addSplitsBack(List.of(), 1); // restored to checkpoint 5: chunk 1 unread
        assertThat(h.revokeEvents(0))
                .as("the held split's filter has chunk 1's stale snapshot")
                .isEqualTo(1);
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(1);
        h.checkpoint(6);
        h.request(1);
        assertThat(h.newAssignments()).as("chunk 1 is being read again").isEmpty();
        FinishedChunk reread = SplitFixtures.finished(1, 100L, null, "300:310:", 0x9000);
        h.finish(1, reread);
        assertThat(h.newAssignments()).containsExactly("0:stream");
        assertThat(h.gateEvents(0))
                .as("gated again: checkpoint 6 predates the re-read")
                .isEqualTo(2);
        assertThat(h.lastAssigned().asStream().chunks())
                .filteredOn(c -> c.splitId().equals(C1))
                .extracting(FinishedChunk::snapshot)
                .containsExactly(reread.snapshot());
    }

    @Test
    void theStreamOwnersOwnResetRebuildsItsSplitFromTheNewReports() throws Exception {
        NeonSplit stream = h.lastAssigned();
        h.newAssignments();
        h.enumerator.addSplitsBack(List.of(stream), 0);
        h.enumerator.addSplitsBack(List.of(), 1);
        h.request(0, 1);
        assertThat(h.newAssignments()).as("both chunks are emitted again").isEmpty();
        FinishedChunk reread = SplitFixtures.finished(1, 100L, null, "300:310:", 0x9000);
        h.finish(0, EnumeratorStates.finishedChunk(0, 2));
        h.finish(1, reread);
        assertThat(h.newAssignments()).hasSize(1).allMatch(a -> a.endsWith(":stream"));
        assertThat(h.lastAssigned().asStream().chunks())
                .filteredOn(c -> c.splitId().equals(C1))
                .extracting(FinishedChunk::snapshot)
                .containsExactly(reread.snapshot());
    }

    @Test
    void reportsSettledByACompletedCheckpointSurviveAReset() throws Exception {
        h.newAssignments();
        h.enumerator.snapshotState(6);
        h.enumerator.notifyCheckpointComplete(6);
        assertThat(h.acks(1)).as("settled: the reader may forget it").containsExactly(List.of(C1));
        h.enumerator.addSplitsBack(List.of(), 1);
        assertThat(h.revokeEvents(0)).isZero();
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(2);
    }

    @Test
    void aReportRetractedAlthoughItsCheckpointCompletedIsResentAndCountsAgain() throws Exception {
        h.newAssignments();
        // Checkpoint 6 completes, but the reset reaches the enumerator before the notification.
        h.enumerator.snapshotState(6);
        assertThat(h.acks(1)).as("not acknowledged: the reader's checkpoint 6 keeps it").isEmpty();
        h.enumerator.addSplitsBack(List.of(), 1);
        h.enumerator.notifyCheckpointComplete(6);
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(1);
        h.request(1);
        h.finishChunks(1, 2, 1); // the restored reader re-sends its unacknowledged report
        assertThat(h.newAssignments()).containsExactly("0:stream");
        h.enumerator.snapshotState(7);
        h.enumerator.notifyCheckpointComplete(7);
        assertThat(h.acks(1)).containsExactly(List.of(C1));
    }
}
