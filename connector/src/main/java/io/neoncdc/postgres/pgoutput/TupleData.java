package io.neoncdc.postgres.pgoutput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The column values of one row image (pgoutput TupleData) as zero-copy slices of the received
 * message bytes.
 *
 * <p>{@link #array()} is the array the message arrived in (pgjdbc allocates a fresh one per
 * message); this object keeps a reference to it and never copies values, so the array must not be
 * reused or modified while the tuple is in use. Column {@code i}'s bytes are {@code
 * array()[offset(i) .. offset(i) + length(i))}: its text form for kind {@link #TEXT} (UTF-8, as
 * pgjdbc sets {@code client_encoding}), its binary send/recv form for kind {@link #BINARY}.
 */
public final class TupleData {
    /** A SQL NULL. */
    public static final char NULL = 'n';

    /** An unchanged TOASTed value that was not sent: not NULL, just unknown here. */
    public static final char UNCHANGED_TOAST = 'u';

    /** A value in text format. */
    public static final char TEXT = 't';

    /** A value in binary format ({@code binary 'true'}). */
    public static final char BINARY = 'b';

    private static final int TO_STRING_MAX_CHARS = 64;

    private final byte[] array;
    private final byte[] kinds;

    /**
     * Pairs (offset, length) per column; (-1, -1) for {@link #NULL} and {@link #UNCHANGED_TOAST}.
     */
    private final int[] ranges;

    private TupleData(byte[] array, byte[] kinds, int[] ranges) {
        this.array = array;
        this.kinds = kinds;
        this.ranges = ranges;
    }

    /** Reads an Int16 column count and that many columns. */
    static TupleData read(MessageReader r) {
        int countOffset = r.offset();
        int count = r.readInt16("TupleData column count");
        // Every column takes at least its kind byte: check before allocating.
        r.checkCount(count, countOffset, 1, "TupleData column count");
        byte[] kinds = new byte[count];
        int[] ranges = new int[2 * count];
        for (int i = 0; i < count; i++) {
            int kindOffset = r.offset();
            int kind = r.readUInt8("column kind");
            kinds[i] = (byte) kind;
            if (kind == TEXT || kind == BINARY) {
                int lengthOffset = r.offset();
                int length = r.readInt32("column value length");
                ranges[2 * i] = r.skip(length, lengthOffset, "column value");
                ranges[2 * i + 1] = length;
            } else if (kind == NULL || kind == UNCHANGED_TOAST) {
                ranges[2 * i] = -1;
                ranges[2 * i + 1] = -1;
            } else {
                throw r.error(
                        kindOffset,
                        "unknown column kind "
                                + MessageReader.describeByte(kind)
                                + " of column "
                                + i
                                + ", expected 'n', 'u', 't' or 'b'");
            }
        }
        return new TupleData(r.array(), kinds, ranges);
    }

    /** The number of columns. */
    public int size() {
        return kinds.length;
    }

    /**
     * The column's kind: {@link #NULL}, {@link #UNCHANGED_TOAST}, {@link #TEXT} or {@link #BINARY}.
     */
    public char kind(int i) {
        return (char) kinds[checkIndex(i)];
    }

    public boolean isNull(int i) {
        return kind(i) == NULL;
    }

    public boolean isUnchangedToast(int i) {
        return kind(i) == UNCHANGED_TOAST;
    }

    /** The shared message array holding the values; read it, never modify it. */
    public byte[] array() {
        return array;
    }

    /** Index of the column's first byte in {@link #array()}; -1 for NULL and unchanged TOAST. */
    public int offset(int i) {
        return ranges[2 * checkIndex(i)];
    }

    /** The number of value bytes; -1 for NULL and unchanged TOAST. */
    public int length(int i) {
        return ranges[2 * checkIndex(i) + 1];
    }

    /**
     * The value decoded as UTF-8 (meant for text-format values, logging and tests); null for a
     * NULL.
     *
     * @throws IllegalStateException for an unchanged TOAST value, which has no bytes here
     */
    public String text(int i) {
        if (!hasBytes(i)) {
            return null;
        }
        return new String(array, offset(i), length(i), StandardCharsets.UTF_8);
    }

    /**
     * A copy of the value's bytes; null for a NULL.
     *
     * @throws IllegalStateException for an unchanged TOAST value, which has no bytes here
     */
    public byte[] copyBytes(int i) {
        if (!hasBytes(i)) {
            return null;
        }
        return Arrays.copyOfRange(array, offset(i), offset(i) + length(i));
    }

    private boolean hasBytes(int i) {
        char kind = kind(i);
        if (kind == UNCHANGED_TOAST) {
            throw new IllegalStateException(
                    "Column " + i + " is an unchanged TOAST value: its bytes were not sent");
        }
        return kind != NULL;
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= kinds.length) {
            throw new IndexOutOfBoundsException(
                    "Column " + i + " of a tuple with " + kinds.length + " columns");
        }
        return i;
    }

    /** E.g. {@code (t:'42', n, u, b:0x0000002a)}; long values are cut. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            char kind = kind(i);
            sb.append(kind);
            if (kind == TEXT) {
                String text = text(i);
                sb.append(":'")
                        .append(
                                text.length() > TO_STRING_MAX_CHARS
                                        ? text.substring(0, TO_STRING_MAX_CHARS) + "…"
                                        : text)
                        .append('\'');
            } else if (kind == BINARY) {
                sb.append(":0x");
                int shown = Math.min(length(i), TO_STRING_MAX_CHARS / 2);
                for (int b = 0; b < shown; b++) {
                    sb.append(String.format("%02x", array[offset(i) + b] & 0xFF));
                }
                if (shown < length(i)) {
                    sb.append('…');
                }
            }
        }
        return sb.append(')').toString();
    }
}
