package io.neoncdc.postgres.pgoutput;

/**
 * Origin ({@code 'O'}): the replication origin a transaction came from (sent after Begin or Stream
 * Start when the writing session had an origin set up).
 */
public final class OriginMessage implements PgOutputMessage {
    private final long commitLsn;
    private final String name;

    public OriginMessage(long commitLsn, String name) {
        this.commitLsn = commitLsn;
        this.name = name;
    }

    static OriginMessage read(MessageReader r) {
        long commitLsn = r.readInt64("origin commit LSN");
        String name = r.readString("origin name");
        return new OriginMessage(commitLsn, name);
    }

    @Override
    public Kind kind() {
        return Kind.ORIGIN;
    }

    /** The commit LSN on the origin server; {@link Lsn#INVALID} inside a stream block. */
    public long commitLsn() {
        return commitLsn;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Origin{commitLsn=" + Lsn.format(commitLsn) + ", name=" + name + '}';
    }
}
