package io.neoncdc.postgres.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.reader.snapshot.ChunkFetcher;
import io.neoncdc.postgres.split.NeonSplitSerializer;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.SplitFixtures;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.junit.jupiter.api.Test;

/**
 * A chunk checkpointed part-way restores through the split serializer and {@link ChunkFetcher} with
 * exactly its pending rows, and finishes with the row count of the whole chunk.
 */
class SnapshotSplitRestoreTest {

    @Test
    void checkpointRestoreEmitTheRestFinish() throws Exception {
        SnapshotSplitState state = new SnapshotSplitState(SplitFixtures.chunk(1, 100L, 200L));
        VisibilitySnapshot snapshot = VisibilitySnapshot.parse("100:105:103");
        state.chunkRead(
                new ReadChunkRows(
                        SnapshotSplitStateTest.SCHEMA,
                        snapshot,
                        0x1800,
                        0,
                        SnapshotSplitStateTest.rows(1, 4)));
        state.rowEmitted();

        NeonSplitSerializer serializer = NeonSplitSerializer.INSTANCE;
        SnapshotSplit restored =
                serializer
                        .deserialize(serializer.getVersion(), serializer.serialize(state.toSplit()))
                        .asSnapshot();
        SnapshotSplit.ReadChunk read = restored.readChunk();
        List<RowData> pending = ChunkFetcher.pendingRows(read);
        // Restored as binary rows, like a fresh read: the same values as the rows not emitted.
        RowDataSerializer rows = new RowDataSerializer(SnapshotSplitStateTest.SCHEMA.rowType());
        assertThat(pending)
                .containsExactlyElementsOf(
                        SnapshotSplitStateTest.rows(2, 4).stream()
                                .map(r -> rows.toBinaryRow(r).copy())
                                .collect(java.util.stream.Collectors.toList()));

        SnapshotSplitState again = new SnapshotSplitState(restored);
        assertThat(again.toSplit()).as("not re-read: still carries its rows").isSameAs(restored);
        again.chunkRead(
                new ReadChunkRows(
                        SnapshotSplitStateTest.SCHEMA,
                        read.snapshot(),
                        read.walLsnAfterSnapshot(),
                        read.rowsEmitted(),
                        pending));
        pending.forEach(r -> again.rowEmitted());
        assertThat(again.finished().rows()).isEqualTo(4);
        assertThat(again.finished().snapshot()).isEqualTo(snapshot);
        assertThat(again.finished().walLsnAfterSnapshot()).isEqualTo(0x1800);
    }
}
