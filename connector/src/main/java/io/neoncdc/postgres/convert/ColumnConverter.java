package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import java.nio.charset.StandardCharsets;
import org.apache.flink.table.types.logical.LogicalType;

/** The converter of one column: adds the column, both types and the value to every failure. */
final class ColumnConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN = 120;

    private final ValueConverter delegate;
    private final String columnRef;
    private final String types;

    ColumnConverter(ValueConverter delegate, String columnRef, PgType pgType, LogicalType target) {
        this.delegate = delegate;
        this.columnRef = columnRef;
        this.types = pgType.name() + " -> " + target.asSummaryString();
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        try {
            return delegate.fromText(bytes, offset, length);
        } catch (ValueConversionException e) {
            throw e.withColumn(columnRef);
        } catch (RuntimeException e) {
            throw failure("text value '" + showText(bytes, offset, length) + "'", e);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        try {
            return delegate.fromBinary(bytes, offset, length);
        } catch (ValueConversionException e) {
            throw e.withColumn(columnRef);
        } catch (RuntimeException e) {
            throw failure("binary value 0x" + showHex(bytes, offset, length), e);
        }
    }

    @Override
    public boolean write(
            BinaryRowTarget target, int pos, byte[] bytes, int offset, int length, boolean binary) {
        try {
            return delegate.write(target, pos, bytes, offset, length, binary);
        } catch (ValueConversionException e) {
            throw e.withColumn(columnRef);
        } catch (RuntimeException e) {
            throw failure(
                    binary
                            ? "binary value 0x" + showHex(bytes, offset, length)
                            : "text value '" + showText(bytes, offset, length) + "'",
                    e);
        }
    }

    @Override
    public boolean hasBinary() {
        return delegate.hasBinary();
    }

    private ValueConversionException failure(String value, RuntimeException cause) {
        return new ValueConversionException(
                columnRef, "cannot convert " + value + " (" + types + "): " + cause, cause);
    }

    static String showText(byte[] bytes, int offset, int length) {
        int n = Math.min(length, MAX_SHOWN);
        String s = new String(bytes, offset, n, StandardCharsets.UTF_8);
        return n < length ? s + "…(" + length + " bytes)" : s;
    }

    static String showHex(byte[] bytes, int offset, int length) {
        int n = Math.min(length, MAX_SHOWN / 2);
        StringBuilder sb = new StringBuilder(n * 2 + 16);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit((bytes[offset + i] >> 4) & 0xf, 16));
            sb.append(Character.forDigit(bytes[offset + i] & 0xf, 16));
        }
        return n < length ? sb + "…(" + length + " bytes)" : sb.toString();
    }
}
