package io.neoncdc.postgres.convert;

import java.nio.charset.StandardCharsets;

/**
 * Writes PostgreSQL's numeric text form ({@code numeric_out}) from the binary form: the integer
 * digits, then exactly dscale fraction digits; {@code NaN}, {@code Infinity}, {@code -Infinity}.
 */
final class PgNumericText {
    private PgNumericText() {}

    static byte[] format(byte[] b, int off, int len) {
        int ndigits = PgNumericBinary.check(b, off, len);
        int sign = PgNumericBinary.sign(b, off);
        String special = PgNumericBinary.special(sign);
        if (special != null) {
            return special.getBytes(StandardCharsets.US_ASCII);
        }
        int weight = PgNumericBinary.weight(b, off);
        int dscale = PgNumericBinary.dscale(b, off);
        byte[] out = new byte[1 + 4 * Math.max(weight + 1, 1) + 1 + dscale + 4];
        int n = 0;
        if (sign == PgNumericBinary.NEGATIVE) {
            out[n++] = '-';
        }
        if (weight < 0) {
            out[n++] = '0';
        } else {
            for (int e = weight; e >= 0; e--) {
                int g = group(b, off, ndigits, weight - e);
                n = e == weight ? writeGroupTrimmed(out, n, g) : writeGroup(out, n, g, 4);
            }
        }
        if (dscale > 0) {
            out[n++] = '.';
            int remaining = dscale;
            for (int e = -1; remaining > 0; e--) {
                int g = group(b, off, ndigits, weight - e);
                int take = Math.min(4, remaining);
                n = writeGroup(out, n, g / pow10(4 - take), take);
                remaining -= take;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Digit i of the value, 0 outside the stored digits. */
    private static int group(byte[] b, int off, int ndigits, int i) {
        return i >= 0 && i < ndigits ? PgNumericBinary.digit(b, off, i) : 0;
    }

    private static int writeGroupTrimmed(byte[] out, int n, int g) {
        int width = g >= 1000 ? 4 : g >= 100 ? 3 : g >= 10 ? 2 : 1;
        return writeGroup(out, n, g, width);
    }

    private static int writeGroup(byte[] out, int n, int g, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[n + i] = (byte) ('0' + g % 10);
            g /= 10;
        }
        return n + width;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
