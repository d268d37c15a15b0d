package io.neoncdc.postgres.pgoutput;

/**
 * Delete ({@code 'D'}): a removed row, identified by its key ({@code 'K'}) or its whole old row
 * ({@code 'O'}, REPLICA IDENTITY FULL).
 */
public final class DeleteMessage implements StreamableMessage {
    private final long streamXid;
    private final int relationId;
    private final char oldKind;
    private final TupleData oldTuple;

    public DeleteMessage(long streamXid, int relationId, char oldKind, TupleData oldTuple) {
        this.streamXid = streamXid;
        this.relationId = relationId;
        this.oldKind = oldKind;
        this.oldTuple = oldTuple;
    }

    static DeleteMessage read(MessageReader r, long streamXid) {
        int relationId = r.readInt32("relation OID");
        int markerOffset = r.offset();
        int marker = r.readUInt8("old tuple kind 'K' or 'O'");
        if (marker != UpdateMessage.OLD_KEY && marker != UpdateMessage.OLD_TUPLE) {
            throw r.error(
                    markerOffset,
                    "unknown tuple kind "
                            + MessageReader.describeByte(marker)
                            + ", expected 'K' or 'O'");
        }
        return new DeleteMessage(streamXid, relationId, (char) marker, TupleData.read(r));
    }

    @Override
    public Kind kind() {
        return Kind.DELETE;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    /** The OID of the table (see {@link RelationMessage#relationId()}). */
    public int relationId() {
        return relationId;
    }

    /** {@link UpdateMessage#OLD_KEY} or {@link UpdateMessage#OLD_TUPLE}. */
    public char oldKind() {
        return oldKind;
    }

    /** The old key (non-key columns NULL) or the whole old row; never null. */
    public TupleData oldTuple() {
        return oldTuple;
    }

    @Override
    public String toString() {
        return "Delete{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "relationId="
                + Integer.toUnsignedString(relationId)
                + ", old"
                + oldKind
                + "="
                + oldTuple
                + '}';
    }
}
