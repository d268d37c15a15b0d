package io.neoncdc.postgres.deserializer;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link ChangeEventValue} (no Kryo): the header fields, then both rows with
 * {@link ValueCodec}'s tagged values. Values are read-only, so copies share them.
 */
public final class ChangeEventValueSerializer extends TypeSerializerSingleton<ChangeEventValue> {
    private static final long serialVersionUID = 1L;
    static final ChangeEventValueSerializer INSTANCE = new ChangeEventValueSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ChangeEventValue createInstance() {
        return new ChangeEventValue("r", null, null, null, null, null, null, null, null, null);
    }

    @Override
    public ChangeEventValue copy(ChangeEventValue from) {
        return from;
    }

    @Override
    public ChangeEventValue copy(ChangeEventValue from, ChangeEventValue reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ChangeEventValue v, DataOutputView out) throws IOException {
        StringValue.writeString(v.op(), out);
        for (String s : new String[] {v.database(), v.schema(), v.table(), v.topic()}) {
            writeNullable(s, out);
        }
        writeRow(v.before(), out);
        writeRow(v.after(), out);
        for (Long n : new Long[] {v.lsn(), v.commitTimeMicros(), v.xid()}) {
            out.writeBoolean(n != null);
            if (n != null) {
                out.writeLong(n);
            }
        }
    }

    @Override
    public ChangeEventValue deserialize(DataInputView in) throws IOException {
        String op = StringValue.readString(in);
        String database = readNullable(in);
        String schema = readNullable(in);
        String table = readNullable(in);
        String topic = readNullable(in);
        Map<String, Object> before = in.readBoolean() ? ValueCodec.readMap(in) : null;
        Map<String, Object> after = in.readBoolean() ? ValueCodec.readMap(in) : null;
        Long lsn = in.readBoolean() ? in.readLong() : null;
        Long commitTime = in.readBoolean() ? in.readLong() : null;
        Long xid = in.readBoolean() ? in.readLong() : null;
        return new ChangeEventValue(
                op, database, schema, table, topic, before, after, lsn, commitTime, xid);
    }

    @Override
    public ChangeEventValue deserialize(ChangeEventValue reuse, DataInputView in)
            throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ChangeEventValue> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeRow(Map<String, Object> row, DataOutputView out) throws IOException {
        out.writeBoolean(row != null);
        if (row != null) {
            ValueCodec.writeMap(row, out);
        }
    }

    private static void writeNullable(String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            StringValue.writeString(s, out);
        }
    }

    private static String readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? StringValue.readString(in) : null;
    }

    /** Serializer snapshot; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChangeEventValue> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
