package io.neoncdc.postgres.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplit;
import io.neoncdc.postgres.split.SplitFixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot progress metrics of {@link NeonSourceEnumerator} count each chunk once, by its
 * latest report, however often readers re-send it after restores.
 */
class NeonSourceEnumeratorProgressTest {
    private EnumeratorHarness h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void aResentReportCountsOnceWithItsLatestRows() {
        h = harness(EnumeratorStates.planned(2));
        assertThat(h.snapshotGauge("chunksTotal")).isEqualTo(2);
        h.request(0, 1);
        h.finish(0, chunk0(7));
        h.finish(0, chunk0(9));
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(1);
        assertThat(h.snapshotGauge("rowsRead")).isEqualTo(9L);
    }

    @Test
    void restoredChunksReportedAgainDoNotExceedTheTotal() {
        NeonEnumeratorState state = EnumeratorStates.midSnapshot(2, 2);
        h = harness(state);
        long rows = state.finished().values().stream().mapToLong(FinishedChunk::rows).sum();
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(2);
        h.finishChunks(0, 2, 0, 1);
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(2);
        assertThat(h.snapshotGauge("rowsRead")).isEqualTo(rows);
    }

    @Test
    void aReturnedChunkIsNoLongerFinished() {
        h = harness(EnumeratorStates.planned(2));
        h.request(0, 1);
        h.finish(0, chunk0(7));
        h.enumerator.addSplitsBack(List.<NeonSplit>of(SplitFixtures.chunk(0, null, 100L)), 0);
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(0);
        assertThat(h.snapshotGauge("rowsRead")).isEqualTo(0L);
        h.finish(1, chunk0(8));
        assertThat(h.snapshotGauge("chunksFinished")).isEqualTo(1);
        assertThat(h.snapshotGauge("rowsRead")).isEqualTo(8L);
    }

    private static FinishedChunk chunk0(long rows) {
        FinishedChunk c = EnumeratorStates.finishedChunk(0, 2);
        return new FinishedChunk(
                c.splitId(), c.bounds(), c.snapshot(), c.walLsnAfterSnapshot(), rows);
    }

    private static EnumeratorHarness harness(NeonEnumeratorState state) {
        return new EnumeratorHarness(2, CheckpointMode.ALIGNED, StartupMode.INITIAL, state);
    }
}
