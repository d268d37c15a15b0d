package io.neoncdc.postgres.pgoutput;

import java.util.Arrays;

/** Truncate ({@code 'T'}): one TRUNCATE statement over one or more published tables. */
public final class TruncateMessage implements StreamableMessage {
    static final int OPTION_CASCADE = 1;
    static final int OPTION_RESTART_IDENTITY = 2;

    private final long streamXid;
    private final boolean cascade;
    private final boolean restartIdentity;
    private final int[] relationIds;

    public TruncateMessage(
            long streamXid, boolean cascade, boolean restartIdentity, int[] relationIds) {
        this.streamXid = streamXid;
        this.cascade = cascade;
        this.restartIdentity = restartIdentity;
        this.relationIds = relationIds.clone();
    }

    static TruncateMessage read(MessageReader r, long streamXid) {
        int countOffset = r.offset();
        int count = r.readInt32("number of relations");
        int optionsOffset = r.offset();
        int options = r.readUInt8("options");
        if ((options & ~(OPTION_CASCADE | OPTION_RESTART_IDENTITY)) != 0) {
            throw r.error(
                    optionsOffset,
                    "unknown truncate options "
                            + options
                            + ", expected bits 1 (CASCADE) and 2 (RESTART IDENTITY)");
        }
        r.checkCount(count, countOffset, 4, "number of relations");
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = r.readInt32("relation OID");
        }
        return new TruncateMessage(
                streamXid,
                (options & OPTION_CASCADE) != 0,
                (options & OPTION_RESTART_IDENTITY) != 0,
                ids);
    }

    @Override
    public Kind kind() {
        return Kind.TRUNCATE;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    public boolean cascade() {
        return cascade;
    }

    public boolean restartIdentity() {
        return restartIdentity;
    }

    /** The OIDs of the truncated tables (a copy). */
    public int[] relationIds() {
        return relationIds.clone();
    }

    @Override
    public String toString() {
        return "Truncate{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "cascade="
                + cascade
                + ", restartIdentity="
                + restartIdentity
                + ", relationIds="
                + Arrays.toString(relationIds)
                + '}';
    }
}
