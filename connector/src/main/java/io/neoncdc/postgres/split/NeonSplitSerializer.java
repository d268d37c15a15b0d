package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of both split kinds; older versions keep their own read path. */
@Internal
public final class NeonSplitSerializer implements SimpleVersionedSerializer<NeonSplit> {
    public static final NeonSplitSerializer INSTANCE = new NeonSplitSerializer();

    /**
     * 2 added the stream split's pending chunks and known tables; 3 its re-snapshot chunks and
     * their conditions.
     */
    private static final int VERSION = 3;

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
            out.writeInt(s.pendingChunks().size());
            for (SnapshotSplit pending : s.pendingChunks()) {
                writeSnapshot(out, pending);
            }
            out.writeInt(s.knownTables() == null ? -1 : s.knownTables().size());
            if (s.knownTables() != null) {
                for (TableId t : new TreeSet<>(s.knownTables())) {
                    SplitCodec.writeTable(out, t);
                }
            }
            out.writeInt(s.resync().chunks().size());
            for (SnapshotSplit chunk : s.resync().chunks()) {
                writeSnapshot(out, chunk);
            }
            out.writeInt(s.resync().filters().size());
            for (TableId t : new TreeSet<>(s.resync().filters().keySet())) {
                SplitCodec.writeTable(out, t);
                out.writeUTF(s.resync().filter(t));
            }
        } else {
            out.writeByte(SNAPSHOT);
            writeSnapshot(out, split.asSnapshot());
        }
        return out.getCopyOfBuffer();
    }

    private static void writeSnapshot(DataOutputSerializer out, SnapshotSplit s)
            throws IOException {
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

    @Override
    public NeonSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IOException("Unknown split serializer version " + version);
        }
        return deserialize(version, new DataInputDeserializer(serialized));
    }

    private static SnapshotSplit readSnapshot(DataInputDeserializer in) throws IOException {
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

    private static NeonSplit deserialize(int version, DataInputDeserializer in) throws IOException {
        byte kind = in.readByte();
        if (kind == STREAM) {
            long lastCommitEnd = in.readLong();
            long txnFinal = in.readLong();
            long txnEvents = in.readLong();
            List<FinishedChunk> finished = SplitCodec.readFinished(in);
            long stop = in.readLong();
            if (version == 1) {
                return new StreamSplit(lastCommitEnd, txnFinal, txnEvents, finished, stop);
            }
            int pendingCount = in.readInt();
            List<SnapshotSplit> pending = new ArrayList<>(pendingCount);
            for (int i = 0; i < pendingCount; i++) {
                pending.add(readSnapshot(in));
            }
            int knownCount = in.readInt();
            Set<TableId> known = null;
            if (knownCount >= 0) {
                known = new HashSet<>();
                for (int i = 0; i < knownCount; i++) {
                    known.add(SplitCodec.readTable(in));
                }
            }
            ResyncChunks resync = ResyncChunks.NONE;
            if (version >= 3) {
                int resyncCount = in.readInt();
                List<SnapshotSplit> chunks = new ArrayList<>(resyncCount);
                for (int i = 0; i < resyncCount; i++) {
                    chunks.add(readSnapshot(in));
                }
                int filterCount = in.readInt();
                Map<TableId, String> filters = new HashMap<>();
                for (int i = 0; i < filterCount; i++) {
                    filters.put(SplitCodec.readTable(in), in.readUTF());
                }
                resync = new ResyncChunks(chunks, filters);
            }
            return new StreamSplit(
                    lastCommitEnd, txnFinal, txnEvents, finished, stop, pending, known, resync);
        }
        if (kind != SNAPSHOT) {
            throw new IOException("Unknown split kind " + kind);
        }
        return readSnapshot(in);
    }
}
