package io.neoncdc.postgres.convert;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.writer.BinaryRowWriter;
import org.apache.flink.table.data.writer.BinaryWriter;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Builds {@link BinaryRowData} straight from wire values (a COPY binary row): Flink's own compact
 * row format, which every chained operator copies with one array copy (a {@code GenericRowData} is
 * copied field by field, string bytes included) and which serializes without conversion. Text and
 * integers are written without building their Flink objects; other values through their converter.
 * Each row owns an exact-size array, so a row kept downstream pins nothing else.
 *
 * <p>Not thread-safe: one reader thread owns a builder.
 */
public final class BinaryRows {
    private final ValueConverter[] converters;
    private final LogicalType[] types;
    private final TypeSerializer<?>[] serializers;
    private final BinaryRowData row;
    private final BinaryRowWriter writer;
    private final BinaryRowTarget target;

    /**
     * @param converters one per field of {@code rowType}; a null converter gives NULL (a column
     *     dropped since the job started)
     */
    public BinaryRows(RowType rowType, ValueConverter[] converters) {
        int n = rowType.getFieldCount();
        if (converters.length != n) {
            throw new IllegalArgumentException(
                    converters.length + " converters for " + n + " fields");
        }
        this.converters = converters;
        this.types = rowType.getChildren().toArray(new LogicalType[0]);
        this.serializers = new TypeSerializer<?>[n];
        for (int i = 0; i < n; i++) {
            serializers[i] = InternalSerializers.create(types[i]);
        }
        this.row = new BinaryRowData(n);
        this.writer = new BinaryRowWriter(row, 64 * n);
        this.target = new BinaryRowTarget(writer);
    }

    /** The current row of the parser, as a row of its own. */
    public BinaryRowData convert(CopyBinaryParser parser) {
        writer.reset();
        byte[] b = parser.array();
        for (int i = 0; i < converters.length; i++) {
            int len = parser.length(i);
            ValueConverter c = converters[i];
            if (len < 0 || c == null) {
                setNull(i);
                continue;
            }
            int off = parser.offset(i);
            boolean binary = c.hasBinary();
            if (!c.write(target, i, b, off, len, binary)) {
                Object value = binary ? c.fromBinary(b, off, len) : c.fromText(b, off, len);
                if (value == null) {
                    setNull(i);
                } else {
                    BinaryWriter.write(writer, i, value, types[i], serializers[i]);
                }
            }
        }
        writer.complete();
        return row.copy();
    }

    /** NULL as Flink's own {@code RowDataSerializer.toBinaryRow} writes it: the null bit only. */
    private void setNull(int i) {
        writer.setNullAt(i);
    }
}
