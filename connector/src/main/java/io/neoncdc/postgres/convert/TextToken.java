package io.neoncdc.postgres.convert;

/**
 * Reads the elements of structured text forms (array, record, hstore): quoted with {@code "…"} or
 * bare up to a stop character, backslash escapes (and {@code ""} inside record quotes) undone. A
 * token is a slice of the input when nothing had to be unescaped, else of a fresh copy.
 */
final class TextToken {
    /** The current token. */
    byte[] array;

    int offset;
    int length;
    boolean quoted;

    private final byte[] input;
    private final int start;
    private final int end;
    private int pos;

    // token assembly state
    private int sliceStart;
    private int sliceEnd;
    private byte[] out;
    private int n;
    private int significant;

    TextToken(byte[] input, int offset, int length) {
        this.input = input;
        this.start = offset;
        this.pos = offset;
        this.end = offset + length;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The next byte, or -1 at the end. */
    int peek() {
        return pos < end ? input[pos] & 0xff : -1;
    }

    void skip() {
        pos++;
    }

    void skipWhitespace() {
        while (pos < end && isSpace(input[pos])) {
            pos++;
        }
    }

    void expect(char c) {
        if (pos >= end || input[pos] != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    ValueConversionException error(String what) {
        return new ValueConversionException(
                "malformed '"
                        + ColumnConverter.showText(input, start, end - start)
                        + "' at character "
                        + (pos - start)
                        + ": "
                        + what);
    }

    /**
     * Reads a token; a bare part ends before any byte of {@code stops}; {@code trim} drops unquoted
     * trailing whitespace; {@code doubledQuotes} reads {@code ""} in quotes as {@code "}.
     */
    void read(String stops, boolean trim, boolean doubledQuotes) {
        quoted = false;
        sliceStart = pos;
        sliceEnd = pos;
        out = null;
        n = 0;
        significant = 0;
        boolean inQuotes = false;
        while (pos < end) {
            byte c = input[pos];
            if (inQuotes) {
                if (c == '\\') {
                    escape();
                } else if (c == '"' && doubledQuotes && pos + 1 < end && input[pos + 1] == '"') {
                    append(pos + 1, true);
                    pos += 2;
                } else if (c == '"') {
                    inQuotes = false;
                    pos++;
                } else {
                    append(pos++, true);
                }
            } else if (stops.indexOf(c) >= 0) {
                break;
            } else if (c == '\\') {
                escape();
            } else if (c == '"') {
                inQuotes = true;
                quoted = true;
                if (contentLength() == 0) {
                    sliceStart = pos + 1;
                    sliceEnd = pos + 1;
                }
                pos++;
            } else {
                append(pos++, !isSpace(c));
            }
        }
        if (inQuotes) {
            throw error("unterminated quotes");
        }
        int len = trim ? significant : contentLength();
        if (out == null) {
            array = input;
            offset = sliceStart;
        } else {
            array = out;
            offset = 0;
        }
        length = len;
    }

    private void escape() {
        if (pos + 1 >= end) {
            throw error("trailing backslash");
        }
        append(pos + 1, true);
        pos += 2;
    }

    private int contentLength() {
        return out == null ? sliceEnd - sliceStart : n;
    }

    /** Adds the input byte at {@code at} to the token, copying only when not contiguous. */
    private void append(int at, boolean isSignificant) {
        if (out == null) {
            if (at == sliceEnd) {
                sliceEnd++;
            } else {
                out = new byte[end - start];
                n = sliceEnd - sliceStart;
                System.arraycopy(input, sliceStart, out, 0, n);
                out[n++] = input[at];
            }
        } else {
            out[n++] = input[at];
        }
        if (isSignificant) {
            significant = contentLength();
        }
    }

    /** Whether the token is the bare, case-insensitive word {@code NULL}. */
    boolean isNullWord() {
        return !quoted
                && length == 4
                && (array[offset] | 0x20) == 'n'
                && (array[offset + 1] | 0x20) == 'u'
                && (array[offset + 2] | 0x20) == 'l'
                && (array[offset + 3] | 0x20) == 'l';
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
