package io.neoncdc.postgres.pgoutput;

/**
 * Stream Abort ({@code 'A'}, protocol 2): a streamed transaction (when {@code subXid == xid}) or
 * one of its subtransactions aborted; its streamed changes must be discarded.
 *
 * <p>With protocol 4 and {@code streaming 'parallel'} the message also carries the abort LSN and
 * time; the decoder tells the two forms apart by the message length (9 or 25 bytes).
 */
public final class StreamAbortMessage implements PgOutputMessage {
    /** The {@link #abortTimeMicros()} of a message without the protocol 4 fields. */
    public static final long NO_ABORT_TIME = Long.MIN_VALUE;

    private final long xid;
    private final long subXid;
    private final long abortLsn;
    private final long abortTimeMicros;
    private final boolean hasAbortInfo;

    /** The protocol 2 form, without abort LSN and time. */
    public StreamAbortMessage(long xid, long subXid) {
        this(xid, subXid, Lsn.INVALID, NO_ABORT_TIME, false);
    }

    /** The protocol 4 form ({@code streaming 'parallel'}), with abort LSN and time. */
    public StreamAbortMessage(long xid, long subXid, long abortLsn, long abortTimeMicros) {
        this(xid, subXid, abortLsn, abortTimeMicros, true);
    }

    private StreamAbortMessage(
            long xid, long subXid, long abortLsn, long abortTimeMicros, boolean hasAbortInfo) {
        this.xid = xid;
        this.subXid = subXid;
        this.abortLsn = abortLsn;
        this.abortTimeMicros = abortTimeMicros;
        this.hasAbortInfo = hasAbortInfo;
    }

    static StreamAbortMessage read(MessageReader r) {
        long xid = r.readUInt32("xid");
        long subXid = r.readUInt32("subtransaction xid");
        if (r.remaining() == 0) {
            return new StreamAbortMessage(xid, subXid);
        }
        long abortLsn = r.readInt64("abort LSN");
        long abortTime = r.readTimestampMicros("abort timestamp");
        return new StreamAbortMessage(xid, subXid, abortLsn, abortTime);
    }

    @Override
    public Kind kind() {
        return Kind.STREAM_ABORT;
    }

    /** The top-level transaction id (unsigned 32 bits). */
    public long xid() {
        return xid;
    }

    /** The aborted (sub)transaction; equals {@link #xid()} when the whole transaction aborted. */
    public long subXid() {
        return subXid;
    }

    /** Whether the whole streamed transaction aborted (not just a subtransaction). */
    public boolean abortsTransaction() {
        return subXid == xid;
    }

    /** Whether the protocol 4 abort LSN and time were sent. */
    public boolean hasAbortInfo() {
        return hasAbortInfo;
    }

    /** The abort record's LSN (protocol 4, parallel streaming), else {@link Lsn#INVALID}. */
    public long abortLsn() {
        return abortLsn;
    }

    /** Abort time in Unix-epoch microseconds (protocol 4), else {@link #NO_ABORT_TIME}. */
    public long abortTimeMicros() {
        return abortTimeMicros;
    }

    @Override
    public String toString() {
        return "StreamAbort{xid="
                + xid
                + ", subXid="
                + subXid
                + (hasAbortInfo()
                        ? ", abortLsn="
                                + Lsn.format(abortLsn)
                                + ", abortTimeMicros="
                                + abortTimeMicros
                        : "")
                + '}';
    }
}
