package io.neoncdc.postgres.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.SplitFixtures;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.junit.jupiter.api.Test;

/**
 * {@link SnapshotSplitState} checkpoints a partly emitted chunk with its snapshot and exactly the
 * rows not yet emitted, so the chunk is never read again.
 */
class SnapshotSplitStateTest {
    static final RowType ROW_TYPE =
            RowType.of(
                    new LogicalType[] {
                        new BigIntType(false), new VarCharType(VarCharType.MAX_LENGTH)
                    },
                    new String[] {"id", "name"});
    static final CapturedTableSchema SCHEMA =
            new CapturedTableSchema("shop", SplitFixtures.ORDERS, ROW_TYPE, List.of("id"));
    private static final VisibilitySnapshot SNAPSHOT = VisibilitySnapshot.parse("100:105:103");

    @Test
    void unreadChunkCheckpointsUnchanged() {
        SnapshotSplit split = SplitFixtures.chunk(3, 100L, 200L);
        assertThat(new SnapshotSplitState(split).toSplit()).isSameAs(split);
    }

    @Test
    void partlyEmittedChunkCheckpointsItsPendingRows() throws IOException {
        SnapshotSplitState state = new SnapshotSplitState(SplitFixtures.chunk(3, 100L, 200L));
        state.chunkRead(new ReadChunkRows(SCHEMA, SNAPSHOT, 0x1800, 0, rows(1, 5)));
        state.rowEmitted();
        state.rowEmitted();
        SnapshotSplit.ReadChunk read = state.toSplit().readChunk();
        assertThat(read.snapshot()).isEqualTo(SNAPSHOT);
        assertThat(read.walLsnAfterSnapshot()).isEqualTo(0x1800);
        assertThat(read.rowsEmitted()).isEqualTo(2);
        assertThat(read.pendingCount()).isEqualTo(3);
        assertThat(deserialize(read)).containsExactlyElementsOf(rows(3, 5));
        assertThat(state.toSplit().splitId()).isEqualTo("public.orders:chunk-0003");
    }

    @Test
    void restoredChunkCountsRowsEmittedBeforeTheRestore() throws IOException {
        SnapshotSplitState state = new SnapshotSplitState(SplitFixtures.chunk(3, 100L, 200L));
        state.chunkRead(new ReadChunkRows(SCHEMA, SNAPSHOT, 0x1800, 2, rows(3, 5)));
        state.rowEmitted();
        SnapshotSplit.ReadChunk read = state.toSplit().readChunk();
        assertThat(read.rowsEmitted()).isEqualTo(3);
        assertThat(deserialize(read)).containsExactlyElementsOf(rows(4, 5));
        state.rowEmitted();
        state.rowEmitted();
        assertThat(state.toSplit().readChunk().pendingCount()).isZero();
        assertThat(state.toSplit().readChunk().pendingRows()).isEmpty();
        assertThat(state.finished().rows()).isEqualTo(5);
        assertThat(state.finished().snapshot()).isEqualTo(SNAPSHOT);
        assertThat(state.finished().walLsnAfterSnapshot()).isEqualTo(0x1800);
        assertThat(state.finished().bounds()).isEqualTo(state.split().bounds());
    }

    @Test
    void rowTypeSurvivesItsSerializableString() {
        String text = SCHEMA.rowType().asSerializableString();
        assertThat(LogicalTypeParser.parse(text, getClass().getClassLoader())).isEqualTo(ROW_TYPE);
    }

    static List<RowData> rows(int from, int to) {
        List<RowData> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            rows.add(GenericRowData.of((long) i, StringData.fromString("r\u00e9w " + i)));
        }
        return rows;
    }

    private static List<RowData> deserialize(SnapshotSplit.ReadChunk read) throws IOException {
        RowType type = (RowType) LogicalTypeParser.parse(read.rowType(), null);
        RowDataSerializer serializer = new RowDataSerializer(type);
        DataInputDeserializer in = new DataInputDeserializer(read.pendingRows());
        List<RowData> rows = new ArrayList<>();
        for (int i = 0; i < read.pendingCount(); i++) {
            RowData r = serializer.deserialize(in);
            rows.add(GenericRowData.of(r.getLong(0), r.getString(1)));
        }
        assertThat(in.available()).isZero();
        return rows;
    }
}
