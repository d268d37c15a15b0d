package io.neoncdc.postgres.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.ResyncChunks;
import io.neoncdc.postgres.split.SplitFixtures;
import io.neoncdc.postgres.split.StreamSplit;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamSplitState} records what went downstream, and its checkpointed split keeps only the
 * chunk snapshots that can still filter a later change.
 */
class StreamSplitStateTest {
    private static final TableId OTHER = new TableId("public", "other");

    @Test
    void countsEventsOfTheCurrentTransactionUntilItCommits() {
        StreamSplitState state =
                new StreamSplitState(SplitFixtures.stream(0x1000, 0, 0, List.of()));
        state.eventEmitted(0x1100);
        state.eventEmitted(0x1100);
        assertPosition(state.toSplit(), 0x1000, 0x1100, 2);
        state.committed(0x1130);
        assertPosition(state.toSplit(), 0x1130, 0, 0);
        state.eventEmitted(0x1200);
        assertPosition(state.toSplit(), 0x1130, 0x1200, 1);
    }

    @Test
    void restoredMidTransactionKeepsCounting() {
        StreamSplitState state =
                new StreamSplitState(SplitFixtures.stream(0x1000, 0x1100, 4, List.of()));
        state.eventEmitted(0x1100);
        assertPosition(state.toSplit(), 0x1000, 0x1100, 5);
        state.eventEmitted(0x1200);
        assertPosition(state.toSplit(), 0x1000, 0x1200, 1);
    }

    @Test
    void advancesOnlyForward() {
        StreamSplitState state =
                new StreamSplitState(SplitFixtures.stream(0x1000, 0, 0, List.of()));
        state.advanced(0x2000);
        assertThat(state.lastCommitEndLsn()).isEqualTo(0x2000);
        state.advanced(0x1800);
        state.committed(0x1900);
        assertThat(state.lastCommitEndLsn()).isEqualTo(0x2000);
    }

    @Test
    void dropsChunksOfTablesWhoseSnapshotsAreAllPassed() {
        List<FinishedChunk> chunks =
                List.of(
                        SplitFixtures.finished(0, null, 100L, "10:20:", 0x1500),
                        SplitFixtures.finished(1, 100L, null, "10:22:", 0x2000),
                        SplitFixtures.finished(OTHER, 0, null, null, "10:21:", 0x1800));
        StreamSplitState state = new StreamSplitState(SplitFixtures.stream(0x1000, 0, 0, chunks));
        assertThat(state.toSplit().chunks()).hasSize(3);
        state.committed(0x1700);
        assertThat(state.toSplit().chunks())
                .as("orders' largest position 0x2000 is still ahead, even for its chunk 0")
                .hasSize(3);
        state.committed(0x1800);
        assertThat(state.toSplit().chunks())
                .extracting(FinishedChunk::splitId)
                .as("other's only snapshot position is reached")
                .containsExactly("public.orders:chunk-0000", "public.orders:chunk-0001");
        state.advanced(0x2000);
        assertThat(state.toSplit().chunks()).isEmpty();
    }

    @Test
    void keepsTheFinishedChunksOfAJoiningTableWhileOthersArePending() {
        StreamSplitState state =
                new StreamSplitState(
                        new StreamSplit(
                                0x1000,
                                0,
                                0,
                                List.of(),
                                0,
                                List.of(
                                        SplitFixtures.chunk(0, null, 100L),
                                        SplitFixtures.chunk(1, 100L, 200L),
                                        SplitFixtures.chunk(2, 200L, null)),
                                Set.of(SplitFixtures.ORDERS)));
        state.chunkRead(
                new ReadChunkRows(
                        SnapshotSplitStateTest.SCHEMA,
                        VisibilitySnapshot.parse("10:20:"),
                        0x1400,
                        0,
                        SnapshotSplitStateTest.rows(0, 2)));
        state.chunkRowEmitted();
        state.chunkRowEmitted();
        state.chunkDone(SplitFixtures.finished(0, null, 100L, "10:20:", 0x1400));
        state.committed(0x1800);
        StreamSplit checkpointed = state.toSplit();
        assertThat(checkpointed.chunks())
                .extracting(FinishedChunk::splitId)
                .as("the stream is past chunk 0's position, but chunks 1 and 2 are still unread")
                .containsExactly("public.orders:chunk-0000");
        assertThat(checkpointed.pendingChunks()).hasSize(2);
        state.chunkRead(
                new ReadChunkRows(
                        SnapshotSplitStateTest.SCHEMA,
                        VisibilitySnapshot.parse("10:22:"),
                        0x1900,
                        0,
                        SnapshotSplitStateTest.rows(100, 101)));
        state.chunkRowEmitted();
        state.chunkDone(SplitFixtures.finished(1, 100L, 200L, "10:22:", 0x1900));
        state.chunkRead(
                new ReadChunkRows(
                        SnapshotSplitStateTest.SCHEMA,
                        VisibilitySnapshot.parse("10:23:"),
                        0x2000,
                        0,
                        SnapshotSplitStateTest.rows(200, 201)));
        state.chunkRowEmitted();
        state.chunkDone(SplitFixtures.finished(2, 200L, null, "10:23:", 0x2000));
        assertThat(state.toSplit().chunks()).as("all read, 0x2000 still ahead").hasSize(3);
        state.committed(0x2000);
        assertThat(state.toSplit().chunks()).as("the table is in pure streaming").isEmpty();
    }

    @Test
    void aPartlyEmittedReSnapshotChunkKeepsItsRowsAndIsDroppedWhenDone() {
        ResyncChunks resync =
                new ResyncChunks(
                        List.of(
                                SplitFixtures.chunk(0, null, 100L),
                                SplitFixtures.chunk(1, 100L, null)),
                        Map.of(SplitFixtures.ORDERS, "id > 3"));
        StreamSplitState state =
                new StreamSplitState(
                        new StreamSplit(0x1000, 0, 0, List.of(), 0, List.of(), Set.of(), resync));
        state.resyncRead(
                new ReadChunkRows(
                        SnapshotSplitStateTest.SCHEMA,
                        VisibilitySnapshot.parse("10:20:"),
                        0x1400,
                        0,
                        SnapshotSplitStateTest.rows(4, 8)));
        state.chunkRowEmitted();
        state.chunkRowEmitted();
        ResyncChunks checkpointed = state.toSplit().resync();
        assertThat(checkpointed.chunks()).hasSize(2);
        assertThat(checkpointed.chunks().get(0).readChunk().pendingCount())
                .as("the three rows not emitted travel in the checkpoint")
                .isEqualTo(3);
        assertThat(checkpointed.chunks().get(1).readChunk()).isNull();
        assertThat(checkpointed.filter(SplitFixtures.ORDERS)).isEqualTo("id > 3");
        assertThat(state.toSplit().pendingChunks()).as("joining tables untouched").isEmpty();
        state.chunkRowEmitted();
        state.chunkRowEmitted();
        state.chunkRowEmitted();
        state.resync(resync.tail());
        assertThat(state.toSplit().resync().chunks())
                .extracting(c -> c.splitId())
                .containsExactly("public.orders:chunk-0001");
        assertThat(state.toSplit().resync().chunks().get(0).readChunk()).isNull();
    }

    private static void assertPosition(
            StreamSplit split, long lastCommitEnd, long txnFinal, long events) {
        assertThat(split.lastCommitEndLsn()).isEqualTo(lastCommitEnd);
        assertThat(split.txnFinalLsn()).isEqualTo(txnFinal);
        assertThat(split.txnEventsEmitted()).isEqualTo(events);
    }
}
