package io.neoncdc.postgres.convert;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads the binary numeric format: int16 ndigits, weight, sign, dscale, then ndigits base-10000
 * digits; value = Σ digit[i] × 10000^(weight − i).
 */
final class PgNumericBinary {
    static final int POSITIVE = 0x0000;
    static final int NEGATIVE = 0x4000;
    static final int NAN = 0xC000;
    static final int PLUS_INFINITY = 0xD000;
    static final int MINUS_INFINITY = 0xF000;
    private static final int HEADER = 8;
    private static final int MAX_LONG_GROUPS = 4;

    private PgNumericBinary() {}

    /** Validates the header and length; returns ndigits. */
    static int check(byte[] b, int off, int len) {
        if (len < HEADER) {
            throw new ValueConversionException("binary numeric shorter than its header: " + len);
        }
        int ndigits = BigEndian.int16(b, off);
        if (ndigits < 0 || len != HEADER + 2 * ndigits) {
            throw new ValueConversionException(
                    "binary numeric with " + ndigits + " digits has " + len + " bytes");
        }
        int sign = sign(b, off);
        if (sign != POSITIVE
                && sign != NEGATIVE
                && sign != NAN
                && sign != PLUS_INFINITY
                && sign != MINUS_INFINITY) {
            throw new ValueConversionException("binary numeric with bad sign 0x" + sign);
        }
        return ndigits;
    }

    static int weight(byte[] b, int off) {
        return BigEndian.int16(b, off + 2);
    }

    static int sign(byte[] b, int off) {
        return BigEndian.int16(b, off + 4) & 0xffff;
    }

    static int dscale(byte[] b, int off) {
        return BigEndian.int16(b, off + 6) & 0x3fff;
    }

    static int digit(byte[] b, int off, int i) {
        int d = BigEndian.int16(b, off + HEADER + 2 * i);
        if (d < 0 || d > 9999) {
            throw new ValueConversionException("binary numeric digit out of range: " + d);
        }
        return d;
    }

    /** The special value's text form, or null for a finite value. */
    static String special(int sign) {
        switch (sign) {
            case NAN:
                return "NaN";
            case PLUS_INFINITY:
                return "Infinity";
            case MINUS_INFINITY:
                return "-Infinity";
            default:
                return null;
        }
    }

    /** The lowest base-10000 exponent present (≤ 0): the value is scaled by 10000^-it. */
    static int lowestExponent(int weight, int ndigits) {
        return Math.min(weight - ndigits + 1, 0);
    }

    /** Whether the unscaled value (at scale 4 × -lowestExponent) fits a long. */
    static boolean fitsLong(int weight, int ndigits) {
        return ndigits == 0 || weight - lowestExponent(weight, ndigits) + 1 <= MAX_LONG_GROUPS;
    }

    /** The unscaled value at scale {@code 4 × -lowestExponent}; only when {@link #fitsLong}. */
    static long unscaledLong(byte[] b, int off, int ndigits) {
        int weight = weight(b, off);
        long acc = 0;
        for (int i = 0; i < ndigits; i++) {
            acc = acc * 10000 + digit(b, off, i);
        }
        for (int e = weight - ndigits + 1; e > 0; e--) {
            acc *= 10000;
        }
        return sign(b, off) == NEGATIVE ? -acc : acc;
    }

    /** Any finite value exactly. */
    static BigDecimal bigDecimal(byte[] b, int off, int ndigits) {
        int weight = weight(b, off);
        int lowest = lowestExponent(weight, ndigits);
        BigInteger acc = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10000);
        for (int i = 0; i < ndigits; i++) {
            acc = acc.multiply(base).add(BigInteger.valueOf(digit(b, off, i)));
        }
        if (weight - ndigits + 1 > 0) {
            acc = acc.multiply(base.pow(weight - ndigits + 1));
        }
        if (sign(b, off) == NEGATIVE) {
            acc = acc.negate();
        }
        return new BigDecimal(acc, -4 * lowest);
    }
}
