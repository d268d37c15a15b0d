package io.neoncdc.postgres.convert;

import java.util.Arrays;

/** Decodes bytea's text forms: hex ({@code \x0a1b}, the default) and the old escape format. */
final class ByteaText {
    private ByteaText() {}

    static byte[] decode(byte[] bytes, int offset, int length) {
        if (length >= 2 && bytes[offset] == '\\' && bytes[offset + 1] == 'x') {
            return decodeHex(bytes, offset + 2, length - 2);
        }
        return decodeEscape(bytes, offset, length);
    }

    private static byte[] decodeHex(byte[] bytes, int offset, int length) {
        byte[] out = new byte[length / 2];
        int n = 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int hi = Character.digit(bytes[i++], 16);
            if (hi < 0 && Character.isWhitespace(bytes[i - 1])) {
                continue; // bytea_in allows whitespace between digit pairs
            }
            int lo = i < end ? Character.digit(bytes[i++], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new TextCursor(bytes, offset, length).error("bad hex digit in bytea");
            }
            out[n++] = (byte) ((hi << 4) | lo);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static byte[] decodeEscape(byte[] bytes, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b != '\\') {
                out[n++] = b;
            } else if (i + 1 < end && bytes[i + 1] == '\\') {
                out[n++] = '\\';
                i++;
            } else if (i + 3 < end
                    && isOctal(bytes[i + 1], '3')
                    && isOctal(bytes[i + 2], '7')
                    && isOctal(bytes[i + 3], '7')) {
                out[n++] =
                        (byte)
                                (((bytes[i + 1] - '0') << 6)
                                        | ((bytes[i + 2] - '0') << 3)
                                        | (bytes[i + 3] - '0'));
                i += 3;
            } else {
                throw new TextCursor(bytes, offset, length).error("bad escape in bytea");
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }
}
