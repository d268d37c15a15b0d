package io.neoncdc.postgres.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

/** The shared source's element serializer: per-scan rows with their kinds, and its snapshot. */
class RoutedRowSerializerTest {
    private static final RowType A = RowType.of(new BigIntType(), VarCharType.STRING_TYPE);
    private static final RowType B = RowType.of(new IntType());

    @SuppressWarnings("unchecked")
    private static RoutedRowSerializer serializer() {
        return new RoutedRowSerializer(
                new TypeSerializer[] {new RowDataSerializer(A), new RowDataSerializer(B)});
    }

    @Test
    void roundTripsRowsOfEveryScanWithTheirKind() throws Exception {
        RoutedRowSerializer s = serializer();
        GenericRowData a =
                GenericRowData.ofKind(RowKind.UPDATE_BEFORE, 7L, StringData.fromString("x"));
        GenericRowData b = GenericRowData.ofKind(RowKind.DELETE, 42);
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(new RoutedRow(0, a), out);
        s.serialize(new RoutedRow(1, b), out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        RoutedRow first = s.deserialize(in);
        RoutedRow second = s.deserialize(in);
        assertThat(first.scan).isZero();
        assertThat(first.row.getRowKind()).isEqualTo(RowKind.UPDATE_BEFORE);
        assertThat(first.row.getLong(0)).isEqualTo(7L);
        assertThat(first.row.getString(1).toString()).isEqualTo("x");
        assertThat(second.scan).isOne();
        assertThat(second.row.getRowKind()).isEqualTo(RowKind.DELETE);
        assertThat(second.row.getInt(0)).isEqualTo(42);

        // copy(in, out) moves the same bytes.
        DataOutputSerializer copied = new DataOutputSerializer(64);
        s.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        RowData again = s.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())).row;
        assertThat(again.getLong(0)).isEqualTo(7L);
    }

    @Test
    void copySharesTheImmutableElement() {
        RoutedRow routed = new RoutedRow(1, GenericRowData.of(1));
        assertThat(serializer().copy(routed)).isSameAs(routed);
    }

    @Test
    void anUnknownScanFailsLoudly() {
        DataOutputSerializer out = new DataOutputSerializer(16);
        assertThatThrownBy(
                        () -> serializer().serialize(new RoutedRow(2, GenericRowData.of(1)), out))
                .hasMessageContaining("addresses scan 2 but its serializer knows 2 scans");
    }

    @Test
    void snapshotRestoresAnEqualAndCompatibleSerializer() throws Exception {
        RoutedRowSerializer s = serializer();
        TypeSerializerSnapshot<RoutedRow> snapshot = s.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<RoutedRow> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(s);
        TypeSerializerSchemaCompatibility<RoutedRow> compatibility =
                s.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }
}
