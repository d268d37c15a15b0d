package io.neoncdc.postgres.reader.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.VisibilitySnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkFetcher} restores the pending rows a checkpoint stored in a split as the same kind of
 * rows a fresh read produces ({@link BinaryRowData}, see {@code BinaryRows}), with the same values.
 */
class ChunkFetcherRestoreTest {
    private static final String ROW_TYPE =
            "ROW<`id` BIGINT NOT NULL, `na``me \u00e9` VARCHAR(2147483647),"
                    + " `amount` DECIMAL(38, 10), `at` TIMESTAMP_LTZ(6), `raw` BYTES,"
                    + " `tags` ARRAY<VARCHAR(2147483647)>>";

    @Test
    void pendingRowsComeBackAsBinaryRowsWithTheirValues() throws IOException {
        RowType type = (RowType) LogicalTypeParser.parse(ROW_TYPE, null);
        List<RowData> rows =
                List.of(
                        row(1, "\uD83D\uDE00", "12345678901234567890.0123456789"),
                        GenericRowData.of(2L, null, null, null, null, null));
        SnapshotSplit.ReadChunk read =
                new SnapshotSplit.ReadChunk(
                        VisibilitySnapshot.parse("1:2:"),
                        0x10,
                        5,
                        type.asSerializableString(),
                        rows.size(),
                        serialize(type, rows));

        List<RowData> restored = ChunkFetcher.pendingRows(read);

        assertThat(restored).hasSize(2).allMatch(r -> r instanceof BinaryRowData);
        RowData first = restored.get(0);
        assertThat(first.getLong(0)).isEqualTo(1L);
        assertThat(first.getString(1)).isEqualTo(StringData.fromString("\uD83D\uDE00"));
        assertThat(first.getDecimal(2, 38, 10).toBigDecimal())
                .isEqualByComparingTo("12345678901234567890.0123456789");
        assertThat(first.getTimestamp(3, 6))
                .isEqualTo(TimestampData.fromEpochMillis(1_700_000_000_123L, 456_000));
        assertThat(first.getBinary(4)).containsExactly(0, 1, -1);
        assertThat(first.getArray(5).getString(1)).isEqualTo(StringData.fromString("b"));
        RowData second = restored.get(1);
        assertThat(second.getLong(0)).isEqualTo(2L);
        for (int i = 1; i < 6; i++) {
            assertThat(second.isNullAt(i)).isTrue();
        }
    }

    private static RowData row(long id, String name, String amount) {
        return GenericRowData.of(
                id,
                StringData.fromString(name),
                DecimalData.fromBigDecimal(new BigDecimal(amount), 38, 10),
                TimestampData.fromEpochMillis(1_700_000_000_123L, 456_000),
                new byte[] {0, 1, -1},
                new GenericArrayData(
                        new Object[] {StringData.fromString("a"), StringData.fromString("b")}));
    }

    private static byte[] serialize(RowType type, List<RowData> rows) throws IOException {
        RowDataSerializer serializer = new RowDataSerializer(type);
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (RowData r : rows) {
            serializer.serialize(r, out);
        }
        return out.getCopyOfBuffer();
    }
}
