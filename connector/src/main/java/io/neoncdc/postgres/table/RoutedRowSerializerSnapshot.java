package io.neoncdc.postgres.table;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.table.data.RowData;

/** The snapshot of a {@link RoutedRowSerializer}: the row serializers of its scans, in order. */
public final class RoutedRowSerializerSnapshot
        extends CompositeTypeSerializerSnapshot<RoutedRow, RoutedRowSerializer> {
    private static final int VERSION = 1;

    /** For reading a snapshot back (Flink instantiates it reflectively). */
    public RoutedRowSerializerSnapshot() {
        super();
    }

    RoutedRowSerializerSnapshot(RoutedRowSerializer serializer) {
        super(serializer);
    }

    @Override
    protected int getCurrentOuterSnapshotVersion() {
        return VERSION;
    }

    @Override
    protected TypeSerializer<?>[] getNestedSerializers(RoutedRowSerializer outer) {
        return outer.rowSerializers();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected RoutedRowSerializer createOuterSerializerWithNestedSerializers(
            TypeSerializer<?>[] nested) {
        TypeSerializer<RowData>[] rows = new TypeSerializer[nested.length];
        for (int i = 0; i < nested.length; i++) {
            rows[i] = (TypeSerializer<RowData>) nested[i];
        }
        return new RoutedRowSerializer(rows);
    }
}
