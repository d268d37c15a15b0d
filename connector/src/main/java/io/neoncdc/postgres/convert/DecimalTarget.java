package io.neoncdc.postgres.convert;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.table.data.DecimalData;

/**
 * A declared DECIMAL(p,s): fraction digits beyond s are rounded half away from zero, like
 * PostgreSQL's own cast to numeric(p,s); a value whose integer part does not fit fails.
 */
final class DecimalTarget implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LONG_DIGITS = 18;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final int precision;
    private final int scale;

    DecimalTarget(int precision, int scale) {
        this.precision = precision;
        this.scale = scale;
    }

    /** The value {@code unscaled × 10^-sourceScale}, without allocating when it fits a long. */
    DecimalData fromUnscaled(long unscaled, int sourceScale) {
        return fromUnscaled(unscaled, sourceScale, sourceScale);
    }

    /** Like {@link #fromUnscaled(long, int)}; errors show the value with {@code displayScale}. */
    DecimalData fromUnscaled(long unscaled, int sourceScale, int displayScale) {
        long u = unscaled;
        if (sourceScale < scale) {
            int shift = scale - sourceScale;
            if (shift >= POW10.length
                    || u == Long.MIN_VALUE
                    || Math.abs(u) > Long.MAX_VALUE / POW10[shift]) {
                return fromBigDecimal(BigDecimal.valueOf(unscaled, sourceScale));
            }
            u *= POW10[shift];
        } else if (sourceScale > scale) {
            int shift = sourceScale - scale;
            if (shift >= POW10.length) {
                return fromBigDecimal(BigDecimal.valueOf(unscaled, sourceScale));
            }
            long divisor = POW10[shift];
            long q = u / divisor;
            long r = Math.abs(u % divisor);
            if (r >= divisor - r) {
                q += u < 0 ? -1 : 1;
            }
            u = q;
        }
        if (precision <= MAX_LONG_DIGITS) {
            if (Math.abs(u) >= POW10[precision] || u == Long.MIN_VALUE) {
                throw overflow(display(BigDecimal.valueOf(unscaled, sourceScale), displayScale));
            }
            return DecimalData.fromUnscaledLong(u, precision, scale);
        }
        return DecimalData.fromBigDecimal(BigDecimal.valueOf(u, scale), precision, scale);
    }

    DecimalData fromBigDecimal(BigDecimal value) {
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        if (rounded.precision() > precision) {
            throw overflow(value);
        }
        return DecimalData.fromBigDecimal(rounded, precision, scale);
    }

    /** The value with the scale PostgreSQL would print, when that loses nothing. */
    static BigDecimal display(BigDecimal value, int displayScale) {
        try {
            return value.setScale(displayScale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return value;
        }
    }

    ValueConversionException overflow(BigDecimal value) {
        return new ValueConversionException(
                "value "
                        + value.toPlainString()
                        + " does not fit "
                        + this
                        + "; declare a wider"
                        + " DECIMAL or STRING");
    }

    ValueConversionException notANumber(String value) {
        return new ValueConversionException(
                "value " + value + " cannot be held by " + this + "; declare the column STRING");
    }

    @Override
    public String toString() {
        return "DECIMAL(" + precision + ", " + scale + ")";
    }
}
