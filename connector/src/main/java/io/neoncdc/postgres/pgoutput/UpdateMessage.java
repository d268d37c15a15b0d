package io.neoncdc.postgres.pgoutput;

/**
 * Update ({@code 'U'}): a changed row, with the old key ({@code 'K'}, when the replica identity key
 * changed), the whole old row ({@code 'O'}, REPLICA IDENTITY FULL) or no old image at all.
 */
public final class UpdateMessage implements StreamableMessage {
    /** Old image holds only the replica identity key columns (others are NULL). */
    public static final char OLD_KEY = 'K';

    /** Old image holds the whole old row (REPLICA IDENTITY FULL). */
    public static final char OLD_TUPLE = 'O';

    /** No old image was sent. */
    public static final char NO_OLD_TUPLE = 0;

    static final char NEW_TUPLE = 'N';

    private final long streamXid;
    private final int relationId;
    private final char oldKind;
    private final TupleData oldTuple;
    private final TupleData newTuple;

    public UpdateMessage(
            long streamXid, int relationId, char oldKind, TupleData oldTuple, TupleData newTuple) {
        this.streamXid = streamXid;
        this.relationId = relationId;
        this.oldKind = oldKind;
        this.oldTuple = oldTuple;
        this.newTuple = newTuple;
    }

    static UpdateMessage read(MessageReader r, long streamXid) {
        int relationId = r.readInt32("relation OID");
        int markerOffset = r.offset();
        int marker = r.readUInt8("tuple kind 'K', 'O' or 'N'");
        char oldKind = NO_OLD_TUPLE;
        TupleData oldTuple = null;
        if (marker == OLD_KEY || marker == OLD_TUPLE) {
            oldKind = (char) marker;
            oldTuple = TupleData.read(r);
            markerOffset = r.offset();
            marker = r.readUInt8("new tuple marker 'N'");
            if (marker != NEW_TUPLE) {
                throw r.error(
                        markerOffset,
                        "unknown tuple kind "
                                + MessageReader.describeByte(marker)
                                + " after the old tuple, expected 'N'");
            }
        } else if (marker != NEW_TUPLE) {
            throw r.error(
                    markerOffset,
                    "unknown tuple kind "
                            + MessageReader.describeByte(marker)
                            + ", expected 'K', 'O' or 'N'");
        }
        return new UpdateMessage(streamXid, relationId, oldKind, oldTuple, TupleData.read(r));
    }

    @Override
    public Kind kind() {
        return Kind.UPDATE;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    /** The OID of the table (see {@link RelationMessage#relationId()}). */
    public int relationId() {
        return relationId;
    }

    /** {@link #OLD_KEY}, {@link #OLD_TUPLE} or {@link #NO_OLD_TUPLE} (0). */
    public char oldKind() {
        return oldKind;
    }

    /** The old image, or null when {@link #oldKind()} is {@link #NO_OLD_TUPLE}. */
    public TupleData oldTuple() {
        return oldTuple;
    }

    public TupleData newTuple() {
        return newTuple;
    }

    @Override
    public String toString() {
        return "Update{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "relationId="
                + Integer.toUnsignedString(relationId)
                + (oldTuple == null ? "" : ", old" + oldKind + "=" + oldTuple)
                + ", new="
                + newTuple
                + '}';
    }
}
