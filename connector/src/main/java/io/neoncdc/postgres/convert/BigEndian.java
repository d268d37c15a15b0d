package io.neoncdc.postgres.convert;

/** Reads the big-endian integers of PostgreSQL's binary formats straight from a byte slice. */
final class BigEndian {
    private BigEndian() {}

    static short int16(byte[] b, int i) {
        return (short) (((b[i] & 0xff) << 8) | (b[i + 1] & 0xff));
    }

    static int int32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24)
                | ((b[i + 1] & 0xff) << 16)
                | ((b[i + 2] & 0xff) << 8)
                | (b[i + 3] & 0xff);
    }

    static long int64(byte[] b, int i) {
        return ((long) int32(b, i) << 32) | (int32(b, i + 4) & 0xffffffffL);
    }

    /** Fails unless a fixed-size binary value has exactly {@code expected} bytes. */
    static void requireLength(int length, int expected, String type) {
        if (length != expected) {
            throw new ValueConversionException(
                    "binary " + type + " must have " + expected + " bytes, got " + length);
        }
    }

    /**
     * Fails unless {@code needed} bytes from {@code pos} lie within the value ending at {@code
     * end}.
     */
    static void requireAvailable(int pos, int needed, int end, String type) {
        if (needed < 0 || pos > end - needed) {
            throw new ValueConversionException(
                    "binary " + type + " value is truncated (needs " + needed + " more bytes)");
        }
    }
}
