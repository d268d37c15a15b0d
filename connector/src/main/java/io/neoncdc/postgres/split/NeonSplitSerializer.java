package io.neoncdc.postgres.split;

import io.neoncdc.postgres.snapshot.ChunkBounds;
import io.neoncdc.postgres.snapshot.VisibilitySnapshot;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of both split kinds; older versions keep their own read path. */
public final class NeonSplitSerializer implements SimpleVersionedSerializer<NeonSplit> {
    public static final NeonSplitSerializer INSTANCE = new NeonSplitSerializer();

    private static final int VERSION = 1;
    private static final byte SNAPSHOT = 1;
    private static final byte STREAM = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(NeonSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        if (split.isStream()) {
            StreamSplit s = split.asStream();
            out.writeByte(STREAM);
            out.writeLong(s.lastCommitEndLsn());
            out.writeLong(s.txnFinalLsn());
            out.writeLong(s.txnEventsEmitted());
            SplitCodec.writeFinished(out, s.chunks());
            out.writeLong(s.stopLsn());
        } else {
            SnapshotSplit s = split.asSnapshot();
            out.writeByte(SNAPSHOT);
            out.writeInt(s.chunkIndex());
            SplitCodec.writeBounds(out, s.bounds());
            SplitCodec.writeNullable(out, s.exportedSnapshot());
            SnapshotSplit.ReadChunk read = s.readChunk();
            out.writeBoolean(read != null);
            if (read != null) {
                SplitCodec.writeSnapshot(out, read.snapshot());
                out.writeLong(read.walLsnAfterSnapshot());
                out.writeLong(read.rowsEmitted());
                SplitCodec.writeNullable(out, read.rowType());
                out.writeInt(read.pendingCount());
                out.writeInt(read.pendingRows().length);
                out.write(read.pendingRows());
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public NeonSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown split serializer version " + version);
        }
        return deserializeV1(new DataInputDeserializer(serialized));
    }

    private static NeonSplit deserializeV1(DataInputDeserializer in) throws IOException {
        byte kind = in.readByte();
        if (kind == STREAM) {
            return new StreamSplit(
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    SplitCodec.readFinished(in),
                    in.readLong());
        }
        if (kind != SNAPSHOT) {
            throw new IOException("Unknown split kind " + kind);
        }
        int index = in.readInt();
        ChunkBounds bounds = SplitCodec.readBounds(in);
        String exported = SplitCodec.readNullable(in);
        SnapshotSplit.ReadChunk read = null;
        if (in.readBoolean()) {
            VisibilitySnapshot snapshot = SplitCodec.readSnapshot(in);
            long lsn = in.readLong();
            long emitted = in.readLong();
            String rowType = SplitCodec.readNullable(in);
            int count = in.readInt();
            byte[] rows = new byte[in.readInt()];
            in.readFully(rows);
            read = new SnapshotSplit.ReadChunk(snapshot, lsn, emitted, rowType, count, rows);
        }
        return new SnapshotSplit(index, bounds, exported, read);
    }
}
