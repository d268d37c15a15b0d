package io.neoncdc.postgres.pgoutput;

/**
 * Stream Commit ({@code 'c'}, protocol 2): the streamed transaction committed; its changes are the
 * ones sent in its stream blocks minus those of aborted subtransactions.
 */
public final class StreamCommitMessage implements PgOutputMessage {
    private final long xid;
    private final int flags;
    private final long commitLsn;
    private final long endLsn;
    private final long commitTimeMicros;

    public StreamCommitMessage(
            long xid, int flags, long commitLsn, long endLsn, long commitTimeMicros) {
        this.xid = xid;
        this.flags = flags;
        this.commitLsn = commitLsn;
        this.endLsn = endLsn;
        this.commitTimeMicros = commitTimeMicros;
    }

    static StreamCommitMessage read(MessageReader r) {
        long xid = r.readUInt32("xid");
        int flags = r.readUInt8("flags");
        long commitLsn = r.readInt64("commit LSN");
        long endLsn = r.readInt64("end LSN");
        long commitTime = r.readTimestampMicros("commit timestamp");
        return new StreamCommitMessage(xid, flags, commitLsn, endLsn, commitTime);
    }

    @Override
    public Kind kind() {
        return Kind.STREAM_COMMIT;
    }

    /** The top-level transaction id (unsigned 32 bits). */
    public long xid() {
        return xid;
    }

    /** Flags byte; currently unused by PostgreSQL (0). */
    public int flags() {
        return flags;
    }

    public long commitLsn() {
        return commitLsn;
    }

    /** The end LSN of the transaction: the position to confirm once it is durably processed. */
    public long endLsn() {
        return endLsn;
    }

    /** Commit time in Unix-epoch microseconds. */
    public long commitTimeMicros() {
        return commitTimeMicros;
    }

    @Override
    public String toString() {
        return "StreamCommit{xid="
                + xid
                + ", flags="
                + flags
                + ", commitLsn="
                + Lsn.format(commitLsn)
                + ", endLsn="
                + Lsn.format(endLsn)
                + ", commitTimeMicros="
                + commitTimeMicros
                + '}';
    }
}
