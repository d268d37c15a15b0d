package io.neoncdc.postgres.pgoutput;

/** One column of a {@link RelationMessage}: name, type and whether it is part of the key. */
public final class RelationColumn {
    private final boolean key;
    private final String name;
    private final int typeOid;
    private final int typmod;

    public RelationColumn(boolean key, String name, int typeOid, int typmod) {
        this.key = key;
        this.name = name;
        this.typeOid = typeOid;
        this.typmod = typmod;
    }

    static RelationColumn read(MessageReader r) {
        int flagsOffset = r.offset();
        int flags = r.readUInt8("column flags");
        if ((flags & ~1) != 0) {
            throw r.error(
                    flagsOffset,
                    "unknown column flags " + flags + ", expected 0 or 1 (part of the key)");
        }
        String name = r.readString("column name");
        int typeOid = r.readInt32("column type OID");
        int typmod = r.readInt32("column type modifier");
        return new RelationColumn(flags == 1, name, typeOid, typmod);
    }

    /** Whether the column is part of the replica identity (the key sent for updates/deletes). */
    public boolean key() {
        return key;
    }

    public String name() {
        return name;
    }

    /** The column's data type OID (unsigned 32 bits held in an int). */
    public int typeOid() {
        return typeOid;
    }

    /** The type modifier ({@code atttypmod}); -1 when there is none. */
    public int typmod() {
        return typmod;
    }

    @Override
    public String toString() {
        return (key ? "*" : "")
                + name
                + ":"
                + Integer.toUnsignedString(typeOid)
                + (typmod == -1 ? "" : "(" + typmod + ")");
    }
}
