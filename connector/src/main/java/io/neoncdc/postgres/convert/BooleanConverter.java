package io.neoncdc.postgres.convert;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * boolean into BOOLEAN (text {@code t}/{@code f}, binary one byte 1/0) or STRING {@code t}/{@code
 * f} (its text form; note that {@code bool::text} would give {@code true}/{@code false}).
 */
final class BooleanConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final StringData TRUE_TEXT = StringData.fromString("t");
    private static final StringData FALSE_TEXT = StringData.fromString("f");

    private final boolean toString;

    private BooleanConverter(boolean toString) {
        this.toString = toString;
    }

    static ValueConverter create(LogicalType target) {
        if (target.is(LogicalTypeRoot.BOOLEAN)) {
            return new BooleanConverter(false);
        }
        return FlinkTypes.isString(target) ? new BooleanConverter(true) : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        if (length >= 1) {
            byte c = bytes[offset];
            if (c == 't' || c == 'T' || c == '1' || c == 'y' || c == 'Y') {
                return box(true);
            }
            if (c == 'f' || c == 'F' || c == '0' || c == 'n' || c == 'N') {
                return box(false);
            }
        }
        throw new TextCursor(bytes, offset, length).error("not a boolean");
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 1, "bool");
        return box(bytes[offset] != 0);
    }

    @Override
    public boolean write(
            BinaryRowTarget target, int pos, byte[] bytes, int offset, int length, boolean binary) {
        if (!binary || toString) {
            return false;
        }
        BigEndian.requireLength(length, 1, "bool");
        target.writeBoolean(pos, bytes[offset] != 0);
        return true;
    }

    private Object box(boolean v) {
        if (toString) {
            // BinaryStringData is immutable; sharing one instance is safe.
            return v ? TRUE_TEXT : FALSE_TEXT;
        }
        return v;
    }
}
