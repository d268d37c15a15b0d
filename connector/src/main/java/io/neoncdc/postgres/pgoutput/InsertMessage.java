package io.neoncdc.postgres.pgoutput;

/** Insert ({@code 'I'}): a new row. */
public final class InsertMessage implements StreamableMessage {
    private final long streamXid;
    private final int relationId;
    private final TupleData newTuple;

    public InsertMessage(long streamXid, int relationId, TupleData newTuple) {
        this.streamXid = streamXid;
        this.relationId = relationId;
        this.newTuple = newTuple;
    }

    static InsertMessage read(MessageReader r, long streamXid) {
        int relationId = r.readInt32("relation OID");
        int markerOffset = r.offset();
        int marker = r.readUInt8("new tuple marker 'N'");
        if (marker != UpdateMessage.NEW_TUPLE) {
            throw r.error(
                    markerOffset,
                    "unknown tuple kind " + MessageReader.describeByte(marker) + ", expected 'N'");
        }
        return new InsertMessage(streamXid, relationId, TupleData.read(r));
    }

    @Override
    public Kind kind() {
        return Kind.INSERT;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    /** The OID of the table (see {@link RelationMessage#relationId()}). */
    public int relationId() {
        return relationId;
    }

    public TupleData newTuple() {
        return newTuple;
    }

    @Override
    public String toString() {
        return "Insert{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "relationId="
                + Integer.toUnsignedString(relationId)
                + ", new="
                + newTuple
                + '}';
    }
}
