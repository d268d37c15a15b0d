package io.neoncdc.postgres.split;

import io.neoncdc.postgres.catalog.TableId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Binary form of the values splits and enumerator state share (version 1 of both). */
@Internal
public final class SplitCodec {
    private SplitCodec() {}

    public static void writeTable(DataOutputView out, TableId t) throws IOException {
        out.writeUTF(t.schema());
        out.writeUTF(t.table());
    }

    public static TableId readTable(DataInputView in) throws IOException {
        return new TableId(in.readUTF(), in.readUTF());
    }

    public static void writeBounds(DataOutputView out, ChunkBounds b) throws IOException {
        writeTable(out, b.table());
        writeStrings(out, b.keyColumns().toArray(new String[0]));
        writeStrings(out, b.lower());
        writeStrings(out, b.upper());
    }

    public static ChunkBounds readBounds(DataInputView in) throws IOException {
        TableId table = readTable(in);
        String[] keys = readStrings(in);
        return new ChunkBounds(table, List.of(keys), readStrings(in), readStrings(in));
    }

    public static void writeSnapshot(DataOutputView out, VisibilitySnapshot s) throws IOException {
        out.writeLong(s.xmin());
        out.writeLong(s.xmax());
        long[] xip = s.xip();
        out.writeInt(xip.length);
        for (long x : xip) {
            out.writeLong(x);
        }
    }

    public static VisibilitySnapshot readSnapshot(DataInputView in) throws IOException {
        long xmin = in.readLong();
        long xmax = in.readLong();
        long[] xip = new long[in.readInt()];
        for (int i = 0; i < xip.length; i++) {
            xip[i] = in.readLong();
        }
        return new VisibilitySnapshot(xmin, xmax, xip);
    }

    public static void writeFinished(DataOutputView out, List<FinishedChunk> chunks)
            throws IOException {
        out.writeInt(chunks.size());
        for (FinishedChunk c : chunks) {
            out.writeUTF(c.splitId());
            writeBounds(out, c.bounds());
            writeSnapshot(out, c.snapshot());
            out.writeLong(c.walLsnAfterSnapshot());
            out.writeLong(c.rows());
        }
    }

    public static List<FinishedChunk> readFinished(DataInputView in) throws IOException {
        int n = in.readInt();
        List<FinishedChunk> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chunks.add(
                    new FinishedChunk(
                            in.readUTF(),
                            readBounds(in),
                            readSnapshot(in),
                            in.readLong(),
                            in.readLong()));
        }
        return chunks;
    }

    /** Writes a nullable string array; elements may be null too. */
    public static void writeStrings(DataOutputView out, String[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (String v : values) {
            writeNullable(out, v);
        }
    }

    public static String[] readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = readNullable(in);
        }
        return values;
    }

    /** Strings of any length (writeUTF is limited to 64 KB; key values need not be). */
    public static void writeNullable(DataOutputView out, String v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
        } else {
            byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    public static String readNullable(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
