package io.neoncdc.postgres.pgoutput;

/**
 * Stream Start ({@code 'S'}, protocol 2): opens a block of changes of a large transaction that is
 * still in progress.
 */
public final class StreamStartMessage implements PgOutputMessage {
    private final long xid;
    private final boolean firstSegment;

    public StreamStartMessage(long xid, boolean firstSegment) {
        this.xid = xid;
        this.firstSegment = firstSegment;
    }

    static StreamStartMessage read(MessageReader r) {
        long xid = r.readUInt32("xid");
        int flagOffset = r.offset();
        int first = r.readUInt8("first segment flag");
        if (first > 1) {
            throw r.error(flagOffset, "first segment flag is " + first + ", expected 0 or 1");
        }
        return new StreamStartMessage(xid, first == 1);
    }

    @Override
    public Kind kind() {
        return Kind.STREAM_START;
    }

    /** The top-level transaction id (unsigned 32 bits). */
    public long xid() {
        return xid;
    }

    /** Whether this is the transaction's first stream block. */
    public boolean firstSegment() {
        return firstSegment;
    }

    @Override
    public String toString() {
        return "StreamStart{xid=" + xid + ", firstSegment=" + firstSegment + '}';
    }
}
