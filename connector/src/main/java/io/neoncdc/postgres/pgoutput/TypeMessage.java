package io.neoncdc.postgres.pgoutput;

/** Type ({@code 'Y'}): names a non-built-in data type before a Relation that uses it. */
public final class TypeMessage implements StreamableMessage {
    private final long streamXid;
    private final int typeOid;
    private final String namespace;
    private final String name;

    public TypeMessage(long streamXid, int typeOid, String namespace, String name) {
        this.streamXid = streamXid;
        this.typeOid = typeOid;
        this.namespace = namespace;
        this.name = name;
    }

    static TypeMessage read(MessageReader r, long streamXid) {
        int typeOid = r.readInt32("type OID");
        String namespace = r.readString("namespace");
        String name = r.readString("type name");
        return new TypeMessage(streamXid, typeOid, namespace, name);
    }

    @Override
    public Kind kind() {
        return Kind.TYPE;
    }

    @Override
    public long streamXid() {
        return streamXid;
    }

    /** The type's OID (unsigned 32 bits held in an int). */
    public int typeOid() {
        return typeOid;
    }

    /** The schema name; empty for {@code pg_catalog}. */
    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Type{"
                + (isStreamed() ? "streamXid=" + streamXid + ", " : "")
                + "oid="
                + Integer.toUnsignedString(typeOid)
                + ", "
                + namespace
                + '.'
                + name
                + '}';
    }
}
