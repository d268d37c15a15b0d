package io.neoncdc.postgres.convert;

import java.util.Arrays;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * bit(n) and varbit: into BOOLEAN (one-bit values only), BYTES (the bits packed most significant
 * first, zero-padded to whole bytes, as PostgreSQL stores them) or STRING ({@code 0101}).
 */
final class BitConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final LogicalTypeRoot target;

    private BitConverter(LogicalTypeRoot target) {
        this.target = target;
    }

    static ValueConverter create(LogicalType target) {
        if (target.is(LogicalTypeRoot.BOOLEAN)
                || FlinkTypes.isBytes(target)
                || FlinkTypes.isString(target)) {
            return new BitConverter(target.getTypeRoot());
        }
        return null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        if (FlinkTypes.isStringRoot(target)) {
            return TextFormConverter.copy(bytes, offset, length);
        }
        byte[] packed = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++) {
            byte c = bytes[offset + i];
            if (c == '1') {
                packed[i / 8] |= (byte) (0x80 >>> (i % 8));
            } else if (c != '0') {
                throw new TextCursor(bytes, offset, length).error("not a bit string");
            }
        }
        return convert(length, packed, 0);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireAvailable(offset, 4, offset + length, "bit");
        int bits = BigEndian.int32(bytes, offset);
        if (bits < 0 || (bits + 7L) / 8 != length - 4) {
            throw new ValueConversionException(
                    "binary bit string of " + bits + " bits has " + (length - 4) + " data bytes");
        }
        if (FlinkTypes.isStringRoot(target)) {
            byte[] text = new byte[bits];
            for (int i = 0; i < bits; i++) {
                boolean set = (bytes[offset + 4 + i / 8] & (0x80 >>> (i % 8))) != 0;
                text[i] = (byte) (set ? '1' : '0');
            }
            return StringData.fromBytes(text);
        }
        return convert(bits, bytes, offset + 4);
    }

    private Object convert(int bits, byte[] packed, int from) {
        if (target == LogicalTypeRoot.BOOLEAN) {
            if (bits != 1) {
                throw new ValueConversionException(
                        "a bit string of " + bits + " bits cannot be held by BOOLEAN");
            }
            return (packed[from] & 0x80) != 0;
        }
        return Arrays.copyOfRange(packed, from, from + (bits + 7) / 8);
    }
}
