package io.neoncdc.postgres.pgoutput;

import java.util.Arrays;
import java.util.List;

/**
 * Relation ({@code 'R'}): a table's column layout, sent before its first change on a connection and
 * again whenever the layout may have changed.
 */
public final class RelationMessage implements StreamableMessage {
    /** {@code REPLICA IDENTITY DEFAULT}: the primary key. */
    public static final char IDENTITY_DEFAULT = 'd';

    /** {@code REPLICA IDENTITY NOTHING}. */
    public static final char IDENTITY_NOTHING = 'n';

    /** {@code REPLICA IDENTITY FULL}: all columns. */
    public static final char IDENTITY_FULL = 'f';

    /** {@code REPLICA IDENTITY USING INDEX}. */
    public static final char IDENTITY_INDEX = 'i';

    private final long streamXid;
    private final int relationId;
    private final String namespace;
    private final String name;
    private final char replicaIdentity;
    private final List<RelationColumn> columns;

    public RelationMessage(
            long streamXid,
            int relationId,
            String namespace,
            String name,
            char replicaIdentity,
            List<RelationColumn> columns) {
        this.streamXid = streamXid;
        this.relationId = relationId;
        this.namespace = namespace;
        this.name = name;
        this.replicaIdentity = replicaIdentity;
        this.columns = List.copyOf(columns);
    }

    static RelationMessage read(MessageReader r, long streamXid) {
        int relationId = r.readInt32("relation OID");
        String namespace = r.readString("namespace");
        String name = r.readString("relation name");
        int identityOffset = r.offset();
        int identity = r.readUInt8("replica identity");
        if (identity != IDENTITY_DEFAULT
                && identity != IDENTITY_NOTHING
                && identity != IDENTITY_FULL
                && identity != IDENTITY_INDEX) {
            throw r.error(
                    identityOffset,
                    "unknown replica identity "
                            + MessageReader.describeByte(identity)
                            + ", expected 'd', 'n', 'f' or 'i'");
        }
        int countOffset = r.offset();
        int count = r.readInt16("column count");
        // flags (1) + name terminator (1) + type OID (4) + typmod (4) per column.
        r.checkCount(count, countOffset, 10, "column count");
        RelationColumn[] columns = new RelationColumn[count];
        for (int i = 0; i < count; i++) {
            columns[i] = RelationColumn.read(r);
        }
        return new RelationMessage(
                streamXid, relationId, namespace, name, (char) identity, Arrays.asList(columns));
    }

    @Override
    public Kind kind() {
        return Kind.RELATION;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    /**
     * The relation's OID (unsigned 32 bits held in an int), as Insert/Update/Delete refer to it.
     */
    public int relationId() {
        return relationId;
    }

    /** The schema name; PostgreSQL sends an empty string for {@code pg_catalog}. */
    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** One of {@code 'd'} default, {@code 'n'} nothing, {@code 'f'} full, {@code 'i'} index. */
    public char replicaIdentity() {
        return replicaIdentity;
    }

    /** The columns in tuple order (generated and dropped columns are not sent). */
    public List<RelationColumn> columns() {
        return columns;
    }

    @Override
    public String toString() {
        return "Relation{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "id="
                + Integer.toUnsignedString(relationId)
                + ", "
                + namespace
                + '.'
                + name
                + ", identity="
                + replicaIdentity
                + ", columns="
                + columns
                + '}';
    }
}
