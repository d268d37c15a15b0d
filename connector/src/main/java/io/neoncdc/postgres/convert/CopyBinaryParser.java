package io.neoncdc.postgres.convert;

import java.io.IOException;
import org.apache.flink.table.data.GenericRowData;

/**
 * Parses the {@code COPY … TO STDOUT (FORMAT binary)} stream row by row. A row that lies within one
 * chunk is read in place (zero copy); a row split across chunks is assembled in a scratch buffer
 * that only grows with bytes that actually arrived, so a corrupt length never allocates.
 *
 * <p>Not thread-safe: one reader thread owns a parser.
 */
public final class CopyBinaryParser {
    /** PostgreSQL's largest datum (1 GB − 1): any longer field length is corrupt. */
    static final int MAX_FIELD_LENGTH = 0x3fff_ffff;

    private static final byte[] SIGNATURE = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
    };
    private static final int CRITICAL_FLAGS = 0xffff;
    private static final int HAS_OIDS = 1 << 16;
    private static final byte[] EMPTY = new byte[0];

    private final CopyChunkSource source;
    private final int fieldCount;
    private final int[] offsets;
    private final int[] lengths;

    private byte[] chunk = EMPTY;
    private int pos;
    private long chunkStart;
    private byte[] scratch = new byte[256];
    private int scratchLength;
    private byte[] rowArray = EMPTY;
    private boolean headerRead;
    private boolean finished;
    private long rows;

    public CopyBinaryParser(CopyChunkSource source, int fieldCount) {
        if (fieldCount < 0 || fieldCount > Short.MAX_VALUE) {
            throw new IllegalArgumentException("bad field count " + fieldCount);
        }
        this.source = source;
        this.fieldCount = fieldCount;
        this.offsets = new int[fieldCount];
        this.lengths = new int[fieldCount];
    }

    /** Advances to the next row; false after the trailer (the source is then drained). */
    public boolean nextRow() throws IOException {
        if (finished) {
            return false;
        }
        if (!headerRead) {
            readHeader();
        }
        if (!readRowInPlace()) {
            readRowAcrossChunks();
        }
        if (finished) {
            drain();
            return false;
        }
        rows++;
        return true;
    }

    /** Whether field {@code i} of the current row is NULL. */
    public boolean isNull(int i) {
        return lengths[i] < 0;
    }

    /** The array holding the current row's field bytes (valid until the next {@link #nextRow}). */
    public byte[] array() {
        return rowArray;
    }

    public int offset(int i) {
        return offsets[i];
    }

    /** Length of field {@code i} in bytes, -1 for NULL. */
    public int length(int i) {
        return lengths[i];
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** Rows returned so far. */
    public long rowCount() {
        return rows;
    }

    /** Bytes of the stream consumed so far (header and trailer included). */
    public long bytesRead() {
        return chunkStart + pos;
    }

    /**
     * Converts the current row: {@code fromBinary}, or {@code fromText} for converters without a
     * binary form (whose column the query selected as {@code ::text}); a null converter gives NULL.
     */
    public GenericRowData toRow(ValueConverter[] converters) {
        if (converters.length != fieldCount) {
            throw new IllegalArgumentException(
                    converters.length + " converters for " + fieldCount + " fields");
        }
        GenericRowData row = new GenericRowData(fieldCount);
        byte[] b = rowArray;
        for (int i = 0; i < fieldCount; i++) {
            int len = lengths[i];
            ValueConverter c = converters[i];
            if (len >= 0 && c != null) {
                int off = offsets[i];
                row.setField(
                        i, c.hasBinary() ? c.fromBinary(b, off, len) : c.fromText(b, off, len));
            }
        }
        return row;
    }

    /** Tries the current chunk only; false (nothing consumed) when the row continues beyond it. */
    private boolean readRowInPlace() throws IOException {
        if (pos == chunk.length && !nextChunk()) {
            throw truncated();
        }
        byte[] b = chunk;
        int limit = b.length;
        int p = pos;
        if (limit - p < 2) {
            return false;
        }
        int count = BigEndian.int16(b, p);
        if (count == -1) {
            pos = p + 2;
            finished = true;
            return true;
        }
        checkFieldCount(count, chunkStart + p);
        p += 2;
        for (int i = 0; i < count; i++) {
            if (limit - p < 4) {
                return false;
            }
            int len = BigEndian.int32(b, p);
            checkFieldLength(len, chunkStart + p);
            p += 4;
            if (len > limit - p) {
                return false;
            }
            offsets[i] = p;
            lengths[i] = len;
            p += Math.max(len, 0);
        }
        rowArray = b;
        pos = p;
        return true;
    }

    /** Assembles the row in {@link #scratch}, pulling chunks as needed. */
    private void readRowAcrossChunks() throws IOException {
        scratchLength = 0;
        long countAt = bytesRead();
        int count = BigEndian.int16(scratch, take(2));
        if (count == -1) {
            finished = true;
            return;
        }
        checkFieldCount(count, countAt);
        for (int i = 0; i < count; i++) {
            long lengthAt = bytesRead();
            int len = BigEndian.int32(scratch, take(4));
            checkFieldLength(len, lengthAt);
            lengths[i] = len;
            offsets[i] = len > 0 ? take(len) : scratchLength;
        }
        rowArray = scratch;
    }

    private void readHeader() throws IOException {
        scratchLength = 0;
        int at = take(SIGNATURE.length);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (scratch[at + i] != SIGNATURE[i]) {
                throw new CopyFormatException("not a COPY binary stream (bad signature)", i);
            }
        }
        int flags = BigEndian.int32(scratch, take(4));
        if ((flags & CRITICAL_FLAGS) != 0 || (flags & HAS_OIDS) != 0) {
            throw new CopyFormatException(
                    "unsupported COPY binary header flags 0x" + Integer.toHexString(flags), 11);
        }
        int extension = BigEndian.int32(scratch, take(4));
        if (extension < 0) {
            throw new CopyFormatException("negative header extension length " + extension, 15);
        }
        skip(extension);
        headerRead = true;
    }

    /** Appends the next {@code n} stream bytes to the scratch buffer; returns where they start. */
    private int take(int n) throws IOException {
        int start = scratchLength;
        int missing = n;
        while (missing > 0) {
            if (pos == chunk.length && !nextChunk()) {
                throw truncated();
            }
            int step = Math.min(missing, chunk.length - pos);
            if (scratchLength + step > scratch.length) {
                byte[] grown = new byte[Math.max(scratch.length * 2, scratchLength + step)];
                System.arraycopy(scratch, 0, grown, 0, scratchLength);
                scratch = grown;
            }
            System.arraycopy(chunk, pos, scratch, scratchLength, step);
            scratchLength += step;
            pos += step;
            missing -= step;
        }
        return start;
    }

    private void skip(long n) throws IOException {
        long missing = n;
        while (missing > 0) {
            if (pos == chunk.length && !nextChunk()) {
                throw truncated();
            }
            int step = (int) Math.min(missing, chunk.length - pos);
            pos += step;
            missing -= step;
        }
    }

    /** Moves to the next non-empty chunk; false at the end of the stream. */
    private boolean nextChunk() throws IOException {
        byte[] next;
        do {
            next = source.next();
            if (next == null) {
                return false;
            }
        } while (next.length == 0);
        chunkStart += chunk.length;
        chunk = next;
        pos = 0;
        return true;
    }

    /** After the trailer nothing may follow; reads the source to its end. */
    private void drain() throws IOException {
        if (pos < chunk.length) {
            throw new CopyFormatException("data after the COPY trailer", bytesRead());
        }
        if (nextChunk()) {
            throw new CopyFormatException("data after the COPY trailer", bytesRead());
        }
    }

    private CopyFormatException truncated() {
        return new CopyFormatException("COPY stream ends in the middle of a row", bytesRead());
    }

    private void checkFieldCount(int count, long at) throws CopyFormatException {
        if (count != fieldCount) {
            throw new CopyFormatException(
                    "row has " + count + " fields, expected " + fieldCount, at);
        }
    }

    private static void checkFieldLength(int len, long at) throws CopyFormatException {
        if (len < -1 || len > MAX_FIELD_LENGTH) {
            throw new CopyFormatException("bad field length " + len, at);
        }
    }
}
