package io.neoncdc.postgres.table;

import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;

/**
 * The type of a shared source's elements. It is created with the source, before the later scans
 * joined, so it holds the (growing) capture and makes its serializer from the scans known when
 * asked: Flink asks while building the stream graph, after every scan was translated.
 */
final class RoutedRowTypeInfo extends TypeInformation<RoutedRow> {
    private static final long serialVersionUID = 1L;

    private final SharedCapture capture;

    RoutedRowTypeInfo(SharedCapture capture) {
        this.capture = capture;
    }

    // No @Override: createSerializer(SerializerConfig) is the abstract method on Flink 2.x,
    // createSerializer(ExecutionConfig) on 1.x; both are defined so either line compiles.
    public TypeSerializer<RoutedRow> createSerializer(SerializerConfig config) {
        return serializer();
    }

    public TypeSerializer<RoutedRow> createSerializer(ExecutionConfig config) {
        return serializer();
    }

    @SuppressWarnings("unchecked")
    private TypeSerializer<RoutedRow> serializer() {
        List<SharedScan> scans = capture.scans();
        TypeSerializer<RowData>[] rows = new TypeSerializer[scans.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new RowDataSerializer(scans.get(i).emitted);
        }
        return new RoutedRowSerializer(rows);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<RoutedRow> getTypeClass() {
        return RoutedRow.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "RoutedRow(" + capture.scans() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutedRowTypeInfo && ((RoutedRowTypeInfo) o).capture == capture;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(capture);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RoutedRowTypeInfo;
    }
}
