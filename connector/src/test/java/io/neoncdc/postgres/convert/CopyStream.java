package io.neoncdc.postgres.convert;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** Builds COPY binary streams by hand and cuts them into chunks, for parser tests. */
final class CopyStream {
    static final byte[] SIGNATURE = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> rowEnds = new ArrayList<>();

    static CopyStream withHeader() {
        CopyStream s = new CopyStream();
        s.raw(SIGNATURE).int32(0).int32(0);
        return s;
    }

    CopyStream raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    CopyStream int16(int v) {
        return raw(ByteBuffer.allocate(2).putShort((short) v).array());
    }

    CopyStream int32(int v) {
        return raw(ByteBuffer.allocate(4).putInt(v).array());
    }

    /** A row; a null field is written as NULL. */
    CopyStream row(byte[]... fields) {
        int16(fields.length);
        for (byte[] f : fields) {
            if (f == null) {
                int32(-1);
            } else {
                int32(f.length).raw(f);
            }
        }
        rowEnds.add(out.size());
        return this;
    }

    CopyStream trailer() {
        return int16(-1);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** How pgjdbc hands it out: header glued to the first row, then one chunk per row. */
    List<byte[]> pgjdbcChunks() {
        byte[] all = bytes();
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int end : rowEnds) {
            chunks.add(Arrays.copyOfRange(all, from, end));
            from = end;
        }
        chunks.add(Arrays.copyOfRange(all, from, all.length));
        return chunks;
    }

    static List<byte[]> split(byte[] all, int... cuts) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            chunks.add(Arrays.copyOfRange(all, from, cut));
            from = cut;
        }
        chunks.add(Arrays.copyOfRange(all, from, all.length));
        return chunks;
    }

    /** Random chunk boundaries, empty chunks included. */
    static List<byte[]> randomSplit(byte[] all, Random random) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < all.length) {
            int n = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(Math.min(64, all.length));
            int to = Math.min(all.length, from + n);
            chunks.add(Arrays.copyOfRange(all, from, to));
            from = to;
        }
        return chunks;
    }

    static CopyChunkSource source(List<byte[]> chunks) {
        Deque<byte[]> queue = new ArrayDeque<>(chunks);
        return queue::poll;
    }
}
