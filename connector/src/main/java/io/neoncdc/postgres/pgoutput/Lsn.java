package io.neoncdc.postgres.pgoutput;

/**
 * Formats and parses PostgreSQL log sequence numbers ({@code pg_lsn}, e.g. {@code 16/B374D848}).
 */
public final class Lsn {

    /** {@code InvalidXLogRecPtr}: the LSN PostgreSQL sends when there is none. */
    public static final long INVALID = 0L;

    private static final int MAX_HEX_DIGITS = 8;

    private Lsn() {}

    /**
     * The text form PostgreSQL prints ({@code %X/%X}): upper-case hexadecimal of the high and low
     * 32 bits, without leading zeros.
     */
    public static String format(long lsn) {
        return (Long.toHexString(lsn >>> 32) + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL))
                .toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Parses the text form {@code X/Y} (one to eight hexadecimal digits on each side, either case),
     * e.g. {@code 0/16B3748}.
     *
     * @throws IllegalArgumentException naming the text when it is not an LSN
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN text is null; expected e.g. 0/16B3748");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw invalid(text, "no '/'");
        }
        long high = parseHalf(text, 0, slash);
        long low = parseHalf(text, slash + 1, text.length());
        return (high << 32) | low;
    }

    /** Compares two LSNs as the unsigned 64-bit numbers they are. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    private static long parseHalf(String text, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > MAX_HEX_DIGITS) {
            throw invalid(text, "each side of '/' needs 1 to 8 hexadecimal digits");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw invalid(text, "'" + text.charAt(i) + "' is not a hexadecimal digit");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(
                "Invalid LSN '" + text + "': " + why + " (expected e.g. 0/16B3748)");
    }
}
