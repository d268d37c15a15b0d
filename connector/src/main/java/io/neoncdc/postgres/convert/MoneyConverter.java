package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * money into DECIMAL: binary money is an int64 count of the currency's minor unit; its scale comes
 * from {@code lc_monetary} and is taken as 2 (true for nearly every locale). The text form (e.g.
 * {@code -$1,234.56}) is read with '.' as the decimal point and any currency symbols ignored.
 */
final class MoneyConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    static final int SCALE = 2;

    private final DecimalTarget decimal;

    private MoneyConverter(DecimalTarget decimal) {
        this.decimal = decimal;
    }

    static ValueConverter create(LogicalType target) {
        if (!target.is(LogicalTypeRoot.DECIMAL)) {
            return null;
        }
        return new MoneyConverter(
                new DecimalTarget(FlinkTypes.precision(target), FlinkTypes.scale(target)));
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        boolean negative = false;
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (int i = offset; i < offset + length; i++) {
            byte c = bytes[i];
            if (c >= '0' && c <= '9') {
                if (++digits > 19) {
                    throw new TextCursor(bytes, offset, length).error("money out of range");
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '-' || c == '(') {
                negative = true;
            } else if (c == '.') {
                scale = 0;
            }
        }
        if (digits == 0) {
            throw new TextCursor(bytes, offset, length).error("no digits in money");
        }
        return decimal.fromUnscaled(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        BigEndian.requireLength(length, 8, "money");
        return decimal.fromUnscaled(BigEndian.int64(bytes, offset), SCALE);
    }
}
