package io.neoncdc.postgres.convert;

import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/** uuid into STRING (lower-case, with dashes, as PostgreSQL prints it) or BYTES (16 bytes). */
final class UuidConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    private final boolean toBytes;

    private UuidConverter(boolean toBytes) {
        this.toBytes = toBytes;
    }

    static ValueConverter create(LogicalType target) {
        if (FlinkTypes.isString(target)) {
            return new UuidConverter(false);
        }
        return FlinkTypes.isBytes(target) ? new UuidConverter(true) : null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        if (!toBytes) {
            return TextFormConverter.copy(bytes, offset, length);
        }
        byte[] out = new byte[16];
        int n = 0;
        for (int i = offset; i < offset + length && n < 32; i++) {
            if (bytes[i] == '-') {
                continue;
            }
            int d = Character.digit(bytes[i], 16);
            if (d < 0) {
                throw new TextCursor(bytes, offset, length).error("bad uuid");
            }
            out[n / 2] |= (byte) (n % 2 == 0 ? d << 4 : d);
            n++;
        }
        if (n != 32) {
            throw new TextCursor(bytes, offset, length).error("bad uuid");
        }
        return out;
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 16, "uuid");
        if (toBytes) {
            return java.util.Arrays.copyOfRange(bytes, offset, offset + 16);
        }
        byte[] hex = ByteaConverter.hex(bytes, offset, 16, 0);
        byte[] out = new byte[36];
        int n = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[n++] = '-';
            }
            out[n++] = hex[i];
        }
        return StringData.fromBytes(out);
    }
}
