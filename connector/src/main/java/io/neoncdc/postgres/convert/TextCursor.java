package io.neoncdc.postgres.convert;

/** A read position in the ASCII parts of a text form; parses numbers without allocating. */
final class TextCursor {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private int pos;

    TextCursor(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.start = offset;
        this.pos = offset;
        this.end = offset + length;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The next byte, or -1 at the end. */
    int peek() {
        return pos < end ? bytes[pos] & 0xff : -1;
    }

    int position() {
        return pos;
    }

    int end() {
        return end;
    }

    void skip(int n) {
        pos += n;
    }

    boolean consume(char c) {
        if (pos < end && bytes[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    /**
     * True when the rest of the text starts with the ASCII string {@code s} (which is consumed).
     */
    boolean consume(String s) {
        int n = s.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** An unsigned decimal of at least one and at most 18 digits. */
    long digits() {
        int from = pos;
        long v = 0;
        while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
            if (pos - from == 18) {
                throw error("number too long");
            }
            v = v * 10 + (bytes[pos++] - '0');
        }
        if (pos == from) {
            throw error("expected a digit");
        }
        return v;
    }

    /** Digits after a decimal point as micro units (at most 9 digits read, beyond 6 truncated). */
    long fractionMicros() {
        long v = 0;
        int n = 0;
        while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
            if (n < 6) {
                v = v * 10 + (bytes[pos] - '0');
            }
            n++;
            pos++;
        }
        if (n == 0) {
            throw error("expected fraction digits");
        }
        for (int i = n; i < 6; i++) {
            v *= 10;
        }
        return v;
    }

    ValueConversionException error(String what) {
        return new ValueConversionException(
                "cannot parse '"
                        + ColumnConverter.showText(bytes, start, end - start)
                        + "' at character "
                        + (pos - start)
                        + ": "
                        + what);
    }

    /** Whether the slice is exactly the ASCII string {@code s}. */
    static boolean is(byte[] bytes, int offset, int length, String s) {
        if (length != s.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Parses a whole slice as a signed 64-bit decimal integer. */
    static long parseLong(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = i < end && bytes[i] == '-';
        if (negative || (i < end && bytes[i] == '+')) {
            i++;
        }
        if (i == end) {
            throw new TextCursor(bytes, offset, length).error("expected an integer");
        }
        long v = 0; // accumulated negatively so that Long.MIN_VALUE parses
        for (; i < end; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
                throw new TextCursor(bytes, offset, length).error("not a 64-bit integer");
            }
            v = v * 10 - d;
        }
        if (!negative && v == Long.MIN_VALUE) {
            throw new TextCursor(bytes, offset, length).error("not a 64-bit integer");
        }
        return negative ? v : -v;
    }
}
