package io.neoncdc.postgres.pgoutput;

/**
 * A pgoutput message that cannot be decoded: unknown message, tuple or column kind, truncated
 * input, a bad length or string, or a message that is not allowed where it arrived.
 */
public final class PgOutputDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long walStart;
    private final int offset;

    PgOutputDecodeException(String message, long walStart, int offset) {
        super(message);
        this.walStart = walStart;
        this.offset = offset;
    }

    /** The WAL start LSN of the XLogData frame that carried the message. */
    public long walStart() {
        return walStart;
    }

    /** The byte offset within the message (0 = the message type byte) where decoding failed. */
    public int offset() {
        return offset;
    }
}
