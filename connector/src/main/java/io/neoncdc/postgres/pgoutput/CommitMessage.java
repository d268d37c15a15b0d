package io.neoncdc.postgres.pgoutput;

/** Commit ({@code 'C'}): the end of a transaction opened by a {@link BeginMessage}. */
public final class CommitMessage implements PgOutputMessage {
    private final int flags;
    private final long commitLsn;
    private final long endLsn;
    private final long commitTimeMicros;

    public CommitMessage(int flags, long commitLsn, long endLsn, long commitTimeMicros) {
        this.flags = flags;
        this.commitLsn = commitLsn;
        this.endLsn = endLsn;
        this.commitTimeMicros = commitTimeMicros;
    }

    static CommitMessage read(MessageReader r) {
        int flags = r.readUInt8("flags");
        long commitLsn = r.readInt64("commit LSN");
        long endLsn = r.readInt64("end LSN");
        long commitTime = r.readTimestampMicros("commit timestamp");
        return new CommitMessage(flags, commitLsn, endLsn, commitTime);
    }

    @Override
    public Kind kind() {
        return Kind.COMMIT;
    }

    /** Flags byte; currently unused by PostgreSQL (0). */
    public int flags() {
        return flags;
    }

    /** The LSN of the commit record. */
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
        return "Commit{flags="
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
