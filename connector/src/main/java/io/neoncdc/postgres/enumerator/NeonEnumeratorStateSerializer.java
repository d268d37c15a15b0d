package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.NeonSplitSerializer;
import io.neoncdc.postgres.split.SnapshotSplit;
import io.neoncdc.postgres.split.SplitCodec;
import io.neoncdc.postgres.split.StreamSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of the enumerator state; older versions keep their read path. */
public final class NeonEnumeratorStateSerializer
        implements SimpleVersionedSerializer<NeonEnumeratorState> {
    /** 2 added the plans of tables without a key. */
    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(NeonEnumeratorState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        NeonSplitSerializer splits = NeonSplitSerializer.INSTANCE;
        out.writeInt(splits.getVersion());
        out.writeBoolean(s.initialized());
        out.writeLong(s.streamStartLsn());
        out.writeInt(s.totalChunks());
        out.writeInt(s.remaining().size());
        for (SnapshotSplit split : s.remaining()) {
            byte[] b = splits.serialize(split);
            out.writeInt(b.length);
            out.write(b);
        }
        SplitCodec.writeFinished(out, new ArrayList<>(s.finished().values()));
        out.writeBoolean(s.streamAssigned());
        out.writeLong(s.streamGateCheckpoint());
        out.writeBoolean(s.returnedStream() != null);
        if (s.returnedStream() != null) {
            byte[] b = splits.serialize(s.returnedStream());
            out.writeInt(b.length);
            out.write(b);
        }
        out.writeInt(s.keylessPlans().size());
        for (Map.Entry<TableId, KeylessPlan> e : s.keylessPlans().entrySet()) {
            SplitCodec.writeTable(out, e.getKey());
            out.writeInt(e.getValue().generation());
            out.writeInt(e.getValue().chunks());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public NeonEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version == 1) {
            return deserializeV1(new DataInputDeserializer(serialized));
        }
        if (version == 2) {
            return deserializeV2(new DataInputDeserializer(serialized));
        }
        throw new IOException("Unknown enumerator state version " + version);
    }

    private static NeonEnumeratorState deserializeV2(DataInputDeserializer in) throws IOException {
        NeonEnumeratorState v1 = deserializeV1(in);
        int n = in.readInt();
        Map<TableId, KeylessPlan> plans = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            plans.put(SplitCodec.readTable(in), new KeylessPlan(in.readInt(), in.readInt()));
        }
        return new NeonEnumeratorState(
                v1.initialized(),
                v1.streamStartLsn(),
                v1.totalChunks(),
                v1.remaining(),
                v1.finished(),
                v1.streamAssigned(),
                v1.streamGateCheckpoint(),
                v1.returnedStream(),
                plans);
    }

    /** Version 1, also the first part of version 2. */
    private static NeonEnumeratorState deserializeV1(DataInputDeserializer in) throws IOException {
        NeonSplitSerializer splits = NeonSplitSerializer.INSTANCE;
        int splitVersion = in.readInt();
        boolean initialized = in.readBoolean();
        long startLsn = in.readLong();
        int total = in.readInt();
        int n = in.readInt();
        List<SnapshotSplit> remaining = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            remaining.add(splits.deserialize(splitVersion, bytes(in)).asSnapshot());
        }
        Map<String, FinishedChunk> finished = new LinkedHashMap<>();
        for (FinishedChunk c : SplitCodec.readFinished(in)) {
            finished.put(c.splitId(), c);
        }
        boolean streamAssigned = in.readBoolean();
        long gate = in.readLong();
        StreamSplit returned =
                in.readBoolean() ? splits.deserialize(splitVersion, bytes(in)).asStream() : null;
        return new NeonEnumeratorState(
                initialized, startLsn, total, remaining, finished, streamAssigned, gate, returned);
    }

    private static byte[] bytes(DataInputDeserializer in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
