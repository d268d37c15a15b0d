package io.neoncdc.postgres.pgoutput;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked big-endian cursor over one pgoutput message that turns every malformed field
 * into a {@link PgOutputDecodeException} naming the LSN, the byte offset and what was expected.
 */
final class MessageReader {
    /** Microseconds from 1970-01-01 (Unix epoch) to 2000-01-01 (PostgreSQL epoch). */
    static final long POSTGRES_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private final byte[] array;
    private final int start;
    private final int end;
    private final long walStart;
    private String messageName = "pgoutput";
    private int pos;

    /** Reads {@code array[start, end)}; {@code walStart} only serves error messages. */
    MessageReader(byte[] array, int start, int end, long walStart) {
        this.array = array;
        this.start = start;
        this.end = end;
        this.walStart = walStart;
        this.pos = start;
    }

    /** Names the message in error messages once its type byte is known, e.g. "Insert". */
    void messageName(String name) {
        this.messageName = name;
    }

    byte[] array() {
        return array;
    }

    /** The absolute index of the next byte in {@link #array()}. */
    int position() {
        return pos;
    }

    /** The offset of the next byte within the message (0 = the message type byte). */
    int offset() {
        return pos - start;
    }

    int remaining() {
        return end - pos;
    }

    int readUInt8(String field) {
        require(1, field);
        return array[pos++] & 0xFF;
    }

    int readInt16(String field) {
        require(2, field);
        int value = ((array[pos] & 0xFF) << 8) | (array[pos + 1] & 0xFF);
        pos += 2;
        return (short) value;
    }

    int readInt32(String field) {
        require(4, field);
        int value =
                ((array[pos] & 0xFF) << 24)
                        | ((array[pos + 1] & 0xFF) << 16)
                        | ((array[pos + 2] & 0xFF) << 8)
                        | (array[pos + 3] & 0xFF);
        pos += 4;
        return value;
    }

    /** An unsigned 32-bit value such as a TransactionId, widened to long. */
    long readUInt32(String field) {
        return readInt32(field) & 0xFFFF_FFFFL;
    }

    long readInt64(String field) {
        require(8, field);
        long high = readInt32(field) & 0xFFFF_FFFFL;
        long low = readInt32(field) & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    /**
     * A TimestampTz (microseconds since 2000-01-01) as Unix-epoch microseconds; saturates at the
     * long range so that PostgreSQL's ±infinity stay the extreme values instead of wrapping.
     */
    long readTimestampMicros(String field) {
        long pgMicros = readInt64(field);
        if (pgMicros == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (pgMicros > Long.MAX_VALUE - POSTGRES_EPOCH_OFFSET_MICROS) {
            return Long.MAX_VALUE;
        }
        return pgMicros + POSTGRES_EPOCH_OFFSET_MICROS;
    }

    /** A NUL-terminated UTF-8 string. */
    String readString(String field) {
        int from = pos;
        for (int i = pos; i < end; i++) {
            if (array[i] == 0) {
                pos = i + 1;
                return new String(array, from, i - from, StandardCharsets.UTF_8);
            }
        }
        throw error(
                offset(),
                "expected "
                        + field
                        + " (a NUL-terminated string) but the message ends after "
                        + remaining()
                        + " bytes without a NUL");
    }

    /**
     * Validates a count read from the message before anything is allocated for it: non-negative and
     * at most what the remaining bytes can hold at {@code minBytesEach} bytes per item.
     */
    int checkCount(int count, int countOffset, int minBytesEach, String what) {
        if (count < 0) {
            throw error(countOffset, "negative " + what + " " + count);
        }
        if ((long) count * minBytesEach > remaining()) {
            throw error(
                    countOffset,
                    what
                            + " "
                            + count
                            + " needs at least "
                            + (long) count * minBytesEach
                            + " bytes but only "
                            + remaining()
                            + " remain");
        }
        return count;
    }

    /** Skips a length-prefixed value's bytes after checking the length; returns their index. */
    int skip(int length, int lengthOffset, String field) {
        if (length < 0) {
            throw error(lengthOffset, "negative length " + length + " of " + field);
        }
        if (length > remaining()) {
            throw error(
                    lengthOffset,
                    "length "
                            + length
                            + " of "
                            + field
                            + " exceeds the "
                            + remaining()
                            + " bytes remaining");
        }
        int at = pos;
        pos += length;
        return at;
    }

    /** Fails when bytes are left over after the last field of the message. */
    void expectEnd() {
        if (pos != end) {
            throw error(
                    offset(),
                    "expected the end of the message but " + remaining() + " bytes remain");
        }
    }

    /** A byte for error messages: {@code 'x' (0x78)}, or just the hex when not printable. */
    static String describeByte(int b) {
        String hex = String.format("0x%02x", b & 0xFF);
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "' (" + hex + ")" : hex;
    }

    PgOutputDecodeException error(int atOffset, String detail) {
        return new PgOutputDecodeException(
                "Cannot decode pgoutput "
                        + messageName
                        + " message at LSN "
                        + Lsn.format(walStart)
                        + ", byte "
                        + atOffset
                        + " of "
                        + (end - start)
                        + ": "
                        + detail,
                walStart,
                atOffset);
    }

    private void require(int bytes, String field) {
        if (end - pos < bytes) {
            throw error(
                    offset(),
                    "truncated: expected "
                            + field
                            + " ("
                            + bytes
                            + " bytes) but only "
                            + (end - pos)
                            + " remain");
        }
    }
}
