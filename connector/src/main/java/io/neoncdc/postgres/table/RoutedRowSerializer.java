package io.neoncdc.postgres.table;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.table.data.RowData;

/**
 * Serializes {@link RoutedRow}s compactly: the scan index, then the row with that scan's row
 * serializer (no Kryo, no per-record type tag beyond the index).
 */
final class RoutedRowSerializer extends TypeSerializer<RoutedRow> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<RowData>[] rows;

    RoutedRowSerializer(TypeSerializer<RowData>[] rows) {
        this.rows = rows;
    }

    TypeSerializer<RowData>[] rowSerializers() {
        return rows;
    }

    private TypeSerializer<RowData> of(int scan) {
        if (scan < 0 || scan >= rows.length) {
            throw new IllegalStateException(
                    "A shared neon-postgres-cdc source row addresses scan "
                            + scan
                            + " but its serializer knows "
                            + rows.length
                            + " scans: a scan joined the source after its serializer was"
                            + " created.");
        }
        return rows[scan];
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<RoutedRow> duplicate() {
        TypeSerializer<RowData>[] copies = new TypeSerializer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            copies[i] = rows[i].duplicate();
        }
        return new RoutedRowSerializer(copies);
    }

    @Override
    public RoutedRow createInstance() {
        return new RoutedRow(0, null);
    }

    /**
     * Returns the element itself. Why not a deep copy: a shared source fans out to one split per
     * scan, and Flink's chained fan-out copies every element once per split (object reuse off). The
     * element is never modified, and only the split of its own scan passes its row on (where the
     * planner's serializer copies it again), so sharing it is safe and keeps N copies per row away.
     */
    @Override
    public RoutedRow copy(RoutedRow from) {
        return from;
    }

    @Override
    public RoutedRow copy(RoutedRow from, RoutedRow reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RoutedRow record, DataOutputView target) throws IOException {
        target.writeInt(record.scan);
        of(record.scan).serialize(record.row, target);
    }

    @Override
    public RoutedRow deserialize(DataInputView source) throws IOException {
        int scan = source.readInt();
        return new RoutedRow(scan, of(scan).deserialize(source));
    }

    @Override
    public RoutedRow deserialize(RoutedRow reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int scan = source.readInt();
        target.writeInt(scan);
        of(scan).copy(source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutedRowSerializer
                && Arrays.equals(rows, ((RoutedRowSerializer) o).rows);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rows);
    }

    @Override
    public TypeSerializerSnapshot<RoutedRow> snapshotConfiguration() {
        return new RoutedRowSerializerSnapshot(this);
    }
}
