package io.neoncdc.postgres.pgoutput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Message ({@code 'M'}): a logical decoding message written with {@code pg_logical_emit_message}
 * (sent when the {@code messages} option is on).
 */
public final class LogicalMessage implements StreamableMessage {
    static final int FLAG_TRANSACTIONAL = 1;

    private final long streamXid;
    private final boolean transactional;
    private final long lsn;
    private final String prefix;
    private final byte[] content;

    public LogicalMessage(
            long streamXid, boolean transactional, long lsn, String prefix, byte[] content) {
        this.streamXid = streamXid;
        this.transactional = transactional;
        this.lsn = lsn;
        this.prefix = prefix;
        this.content = content.clone();
    }

    static LogicalMessage read(MessageReader r, long streamXid) {
        int flagsOffset = r.offset();
        int flags = r.readUInt8("flags");
        if ((flags & ~FLAG_TRANSACTIONAL) != 0) {
            throw r.error(flagsOffset, "unknown flags " + flags + ", expected 0 or 1");
        }
        long lsn = r.readInt64("message LSN");
        String prefix = r.readString("prefix");
        int lengthOffset = r.offset();
        int length = r.readInt32("content length");
        int at = r.skip(length, lengthOffset, "content");
        byte[] content = Arrays.copyOfRange(r.array(), at, at + length);
        return new LogicalMessage(streamXid, flags == FLAG_TRANSACTIONAL, lsn, prefix, content);
    }

    @Override
    public Kind kind() {
        return Kind.MESSAGE;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    /** Transactional messages arrive inside their transaction; others arrive on their own. */
    public boolean transactional() {
        return transactional;
    }

    /** The LSN of the message record. */
    public long lsn() {
        return lsn;
    }

    public String prefix() {
        return prefix;
    }

    /** The content bytes (a copy). */
    public byte[] content() {
        return content.clone();
    }

    /** The content decoded as UTF-8. */
    public String contentAsText() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Message{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "transactional="
                + transactional
                + ", lsn="
                + Lsn.format(lsn)
                + ", prefix="
                + prefix
                + ", "
                + content.length
                + " bytes}";
    }
}
