package io.neoncdc.postgres.convert;

import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.data.writer.BinaryRowWriter;

/**
 * The row a {@link ValueConverter} may write a value into directly ({@link ValueConverter#write}),
 * without building the Flink object first: text goes from the wire buffer into the row in one copy.
 * One per reader thread; the current wire buffer is wrapped once, however many columns read it.
 */
public final class BinaryRowTarget {
    private final BinaryRowWriter writer;
    private final MemorySegment[] segment = new MemorySegment[1];
    private BinaryStringData text;
    private byte[] wrapped;

    BinaryRowTarget(BinaryRowWriter writer) {
        this.writer = writer;
    }

    BinaryRowWriter writer() {
        return writer;
    }

    /** Writes {@code length} bytes of UTF-8 text at {@code offset} as the string of field pos. */
    void writeUtf8(int pos, byte[] bytes, int offset, int length) {
        if (bytes != wrapped) {
            segment[0] = MemorySegmentFactory.wrap(bytes);
            wrapped = bytes;
        }
        // Points at the wire buffer only while the writer copies the bytes into the row.
        if (text == null) {
            text = BinaryStringData.fromAddress(segment, offset, length);
        } else {
            text.getBinarySection().pointTo(segment, offset, length);
        }
        writer.writeString(pos, text);
    }

    void writeLong(int pos, long value) {
        writer.writeLong(pos, value);
    }

    void writeInt(int pos, int value) {
        writer.writeInt(pos, value);
    }

    void writeShort(int pos, short value) {
        writer.writeShort(pos, value);
    }

    void writeBoolean(int pos, boolean value) {
        writer.writeBoolean(pos, value);
    }

    void writeFloat(int pos, float value) {
        writer.writeFloat(pos, value);
    }

    void writeDouble(int pos, double value) {
        writer.writeDouble(pos, value);
    }
}
