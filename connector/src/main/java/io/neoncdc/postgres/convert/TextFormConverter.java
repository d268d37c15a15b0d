package io.neoncdc.postgres.convert;

import java.util.Arrays;
import org.apache.flink.table.data.StringData;

/** Any PostgreSQL type into a STRING column through its text form (text only, no binary). */
final class TextFormConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;

    static final TextFormConverter INSTANCE = new TextFormConverter();

    private TextFormConverter() {}

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        return copy(bytes, offset, length);
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        throw new UnsupportedOperationException("only the text form is supported");
    }

    @Override
    public boolean hasBinary() {
        return false;
    }

    @Override
    public boolean write(
            BinaryRowTarget target, int pos, byte[] bytes, int offset, int length, boolean binary) {
        target.writeUtf8(pos, bytes, offset, length);
        return true;
    }

    /** A StringData that owns a copy of the UTF-8 slice. */
    static StringData copy(byte[] bytes, int offset, int length) {
        return StringData.fromBytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
