package io.neoncdc.postgres.pgoutput;

/** Begin ({@code 'B'}): the start of a transaction that is sent whole, after it committed. */
public final class BeginMessage implements PgOutputMessage {
    private final long finalLsn;
    private final long commitTimeMicros;
    private final long xid;

    public BeginMessage(long finalLsn, long commitTimeMicros, long xid) {
        this.finalLsn = finalLsn;
        this.commitTimeMicros = commitTimeMicros;
        this.xid = xid;
    }

    static BeginMessage read(MessageReader r) {
        long finalLsn = r.readInt64("final LSN");
        long commitTime = r.readTimestampMicros("commit timestamp");
        long xid = r.readUInt32("xid");
        return new BeginMessage(finalLsn, commitTime, xid);
    }

    @Override
    public Kind kind() {
        return Kind.BEGIN;
    }

    /** The LSN of the transaction's commit record (equals the Commit message's commit LSN). */
    public long finalLsn() {
        return finalLsn;
    }

    /** Commit time in Unix-epoch microseconds. */
    public long commitTimeMicros() {
        return commitTimeMicros;
    }

    /** The top-level transaction id (unsigned 32 bits). */
    public long xid() {
        return xid;
    }

    @Override
    public String toString() {
        return "Begin{finalLsn="
                + Lsn.format(finalLsn)
                + ", commitTimeMicros="
                + commitTimeMicros
                + ", xid="
                + xid
                + '}';
    }
}
