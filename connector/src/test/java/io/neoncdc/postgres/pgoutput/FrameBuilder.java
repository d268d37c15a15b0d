package io.neoncdc.postgres.pgoutput;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds pgoutput message bytes field by field for hand-written decoder tests. */
final class FrameBuilder {
    /** A column value that stands for an unchanged TOAST value ('u') in {@link #tuple}. */
    static final Object UNCHANGED = new Object();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private FrameBuilder() {}

    /** Starts a message with its type byte. */
    static FrameBuilder message(char type) {
        return new FrameBuilder().int8(type);
    }

    FrameBuilder int8(int value) {
        out.write(value);
        return this;
    }

    FrameBuilder int16(int value) {
        return int8(value >>> 8).int8(value);
    }

    FrameBuilder int32(int value) {
        return int16(value >>> 16).int16(value);
    }

    /** An unsigned 32-bit value such as an xid. */
    FrameBuilder uint32(long value) {
        return int32((int) value);
    }

    FrameBuilder int64(long value) {
        return int32((int) (value >>> 32)).int32((int) value);
    }

    /** A NUL-terminated UTF-8 string. */
    FrameBuilder string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8)).int8(0);
    }

    FrameBuilder bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    /**
     * A TupleData: {@code null} → 'n', {@link #UNCHANGED} → 'u', a String → 't' (UTF-8), a byte[] →
     * 'b'.
     */
    FrameBuilder tuple(Object... columns) {
        int16(columns.length);
        for (Object column : columns) {
            if (column == null) {
                int8('n');
            } else if (column == UNCHANGED) {
                int8('u');
            } else if (column instanceof String) {
                byte[] text = ((String) column).getBytes(StandardCharsets.UTF_8);
                int8('t').int32(text.length).bytes(text);
            } else {
                byte[] binary = (byte[]) column;
                int8('b').int32(binary.length).bytes(binary);
            }
        }
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }

    /** The message in a plain heap buffer (position 0, no array offset). */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(build());
    }
}
