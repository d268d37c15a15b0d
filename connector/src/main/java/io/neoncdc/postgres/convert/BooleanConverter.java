package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/** boolean into BOOLEAN: text {@code t}/{@code f}, binary one byte 1/0. */
final class BooleanConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private BooleanConverter() {}

    static ValueConverter create(LogicalType target) {
        return target.is(LogicalTypeRoot.BOOLEAN) ? new BooleanConverter() : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        if (length >= 1) {
            byte c = bytes[offset];
            if (c == 't' || c == 'T' || c == '1' || c == 'y' || c == 'Y') {
                return Boolean.TRUE;
            }
            if (c == 'f' || c == 'F' || c == '0' || c == 'n' || c == 'N') {
                return Boolean.FALSE;
            }
        }
        throw new TextCursor(bytes, offset, length).error("not a boolean");
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 1, "bool");
        return bytes[offset] != 0;
    }
}
