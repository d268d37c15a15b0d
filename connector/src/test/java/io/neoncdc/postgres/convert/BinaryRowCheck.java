package io.neoncdc.postgres.convert;

import java.io.IOException;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The snapshot's binary rows ({@link BinaryRows}) of one-column COPY rows, and what Flink's own
 * serializer makes of the expected value: the two must be the same bytes.
 */
final class BinaryRowCheck {
    private BinaryRowCheck() {}

    /** A COPY binary row holding {@code value} (null: NULL) in {@code key, value} columns. */
    static BinaryRowData convert(ValueConverter converter, LogicalType type, byte[] value)
            throws IOException {
        byte[] key = {0, 0, 0, 7};
        List<byte[]> chunks = CopyStream.withHeader().row(key, value).trailer().pgjdbcChunks();
        CopyBinaryParser parser = new CopyBinaryParser(CopyStream.source(chunks), 2);
        parser.nextRow();
        ValueConverter id =
                IntegerConverter.create(
                        TypeFamily.INT4, new org.apache.flink.table.types.logical.IntType());
        return new BinaryRows(rowType(type), new ValueConverter[] {id, converter}).convert(parser);
    }

    /** The row {@code (7, expected)} as Flink's serializer writes it. */
    static BinaryRowData expected(LogicalType type, Object expected) {
        return new RowDataSerializer(rowType(type))
                .toBinaryRow(GenericRowData.of(7, expected))
                .copy();
    }

    private static RowType rowType(LogicalType type) {
        return RowType.of(new org.apache.flink.table.types.logical.IntType(), type);
    }
}
