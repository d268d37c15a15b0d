package io.neoncdc.postgres.convert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * numeric into DECIMAL(p,s) (overflow, NaN and ±Infinity fail), STRING (exactly PostgreSQL's text,
 * any precision, NaN, ±Infinity) or DOUBLE.
 */
final class NumericConverter implements ValueConverter {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LONG_DIGITS = 18;

    private final LogicalTypeRoot target;
    private final DecimalTarget decimal;

    private NumericConverter(LogicalTypeRoot target, DecimalTarget decimal) {
        this.target = target;
        this.decimal = decimal;
    }

    static ValueConverter create(LogicalType target) {
        if (target.is(LogicalTypeRoot.DECIMAL)) {
            DecimalTarget d =
                    new DecimalTarget(FlinkTypes.precision(target), FlinkTypes.scale(target));
            return new NumericConverter(LogicalTypeRoot.DECIMAL, d);
        }
        if (target.is(LogicalTypeRoot.DOUBLE) || FlinkTypes.isString(target)) {
            return new NumericConverter(target.getTypeRoot(), null);
        }
        return null;
    }

    @Override
    public Object fromText(byte[] bytes, int offset, int length) {
        switch (target) {
            case DECIMAL:
                return decimalFromText(bytes, offset, length);
            case DOUBLE:
                return Double.parseDouble(
                        new String(bytes, offset, length, StandardCharsets.US_ASCII));
            default:
                return TextFormConverter.copy(bytes, offset, length);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, int offset, int length) {
        if (target != LogicalTypeRoot.DECIMAL && target != LogicalTypeRoot.DOUBLE) {
            return StringData.fromBytes(PgNumericText.format(bytes, offset, length));
        }
        int ndigits = PgNumericBinary.check(bytes, offset, length);
        int sign = PgNumericBinary.sign(bytes, offset);
        String special = PgNumericBinary.special(sign);
        if (target == LogicalTypeRoot.DOUBLE) {
            return special != null
                    ? Double.parseDouble(special)
                    : PgNumericBinary.bigDecimal(bytes, offset, ndigits).doubleValue();
        }
        if (special != null) {
            throw decimal.notANumber(special);
        }
        int weight = PgNumericBinary.weight(bytes, offset);
        if (PgNumericBinary.fitsLong(weight, ndigits)) {
            long unscaled = PgNumericBinary.unscaledLong(bytes, offset, ndigits);
            int scale = -4 * PgNumericBinary.lowestExponent(weight, ndigits);
            return decimal.fromUnscaled(unscaled, scale, PgNumericBinary.dscale(bytes, offset));
        }
        return decimal.fromBigDecimal(
                DecimalTarget.display(
                        PgNumericBinary.bigDecimal(bytes, offset, ndigits),
                        PgNumericBinary.dscale(bytes, offset)));
    }

    private Object decimalFromText(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < end; i++) {
            byte c = bytes[i];
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_LONG_DIGITS) {
                    return slowDecimal(bytes, offset, length);
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return slowDecimal(bytes, offset, length);
            }
        }
        if (digits == 0) {
            return slowDecimal(bytes, offset, length);
        }
        return decimal.fromUnscaled(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    private Object slowDecimal(byte[] bytes, int offset, int length) {
        String s = new String(bytes, offset, length, StandardCharsets.US_ASCII);
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
            throw decimal.notANumber(s);
        }
        return decimal.fromBigDecimal(new BigDecimal(s));
    }
}
